package io.github.ariaauth.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.mock.http.client.MockClientHttpRequest;
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

	@Test
	void bytesHandedOverByAnInterceptorChainReachTheJdkRequestInABodyThatHoldsOnlyThem() throws Exception {
		RecordingJdkFactory jdk = new RecordingJdkFactory();
		DetachedBodyRequestFactory factory = new DetachedBodyRequestFactory(jdk);
		ClientHttpRequest request = factory.createRequest(URI.create("https://billie.example/ping"), HttpMethod.POST);
		byte[] bytes = "how much?".getBytes(StandardCharsets.UTF_8);
		// What Spring's interceptor chain does with the buffered body of a streaming
		// request.
		((StreamingHttpOutputMessage) request).setBody(bytes);
		StreamingHttpOutputMessage.Body body = jdk.request.body;
		assertThat(body).isNotNull();
		// Spring's own wrapping of the bytes would also hold the request, and through it
		// the JDK client (static fields are left out: coverage tools add their own).
		assertThat(Arrays.stream(body.getClass().getDeclaredFields())
			.filter((field) -> !Modifier.isStatic(field.getModifiers()))
			.map(Field::getType)).containsExactly(byte[].class);
		// Like Spring's wrapping, the body can be written more than once.
		assertThat(body.repeatable()).isTrue();
		assertThat(written(body)).isEqualTo("how much?");
		assertThat(written(body)).isEqualTo("how much?");
		// Its text names the size, never the content (a request body may carry customer
		// data).
		assertThat(body).hasToString("BytesBody[9 bytes]");
		assertThat(factory.toString()).contains(jdk.toString());
	}

	private static String written(StreamingHttpOutputMessage.Body body) throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		body.writeTo(output);
		return output.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Spring's JDK factory, with a request that records the body it is given instead of
	 * sending it.
	 */
	private static final class RecordingJdkFactory extends JdkClientHttpRequestFactory {

		private RecordingRequest request;

		RecordingJdkFactory() {
			super(HttpClient.newHttpClient());
		}

		@Override
		public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
			this.request = new RecordingRequest(httpMethod, uri);
			return this.request;
		}

	}

	private static final class RecordingRequest extends MockClientHttpRequest implements StreamingHttpOutputMessage {

		private StreamingHttpOutputMessage.Body body;

		RecordingRequest(HttpMethod method, URI uri) {
			super(method, uri);
		}

		@Override
		public void setBody(StreamingHttpOutputMessage.Body body) {
			this.body = body;
		}

	}

}
