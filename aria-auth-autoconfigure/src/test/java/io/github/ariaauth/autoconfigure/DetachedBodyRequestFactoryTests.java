package io.github.ariaauth.autoconfigure;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request factory that hands the JDK client a body holding only its bytes still sends
 * every body whole (that it lets go of the client is proven by
 * {@code AriaClientsContextCloseTests}).
 */
class DetachedBodyRequestFactoryTests {

	@StartStop
	private final MockWebServer server = new MockWebServer();

	@Test
	void bodiesReachTheServerWhole() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
		this.server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
		// Java 17's client cannot be closed; it ends once unreachable.
		HttpClient http = HttpClient.newHttpClient();
		RestClient client = RestClient.builder()
			.requestFactory(new DetachedBodyRequestFactory(new JdkClientHttpRequestFactory(http)))
			.build();
		// Bytes, as an interceptor chain (aria-auth's) hands them over, and a stream.
		RestClient intercepted = client.mutate()
			.requestInterceptor((request, body, execution) -> execution.execute(request, body))
			.build();
		assertThat(intercepted.post()
			.uri(this.server.url("/bytes").uri())
			.body("billie-".repeat(5000))
			.retrieve()
			.body(String.class)).isEqualTo("ok");
		assertThat(client.method(HttpMethod.PUT)
			.uri(this.server.url("/stream").uri())
			.body((output) -> output.write("streamed".getBytes(StandardCharsets.UTF_8)))
			.retrieve()
			.body(String.class)).isEqualTo("ok");
		RecordedRequest bytes = this.server.takeRequest();
		assertThat(bytes.getBody().utf8()).isEqualTo("billie-".repeat(5000));
		RecordedRequest stream = this.server.takeRequest();
		assertThat(stream.getBody().utf8()).isEqualTo("streamed");
	}

}
