package io.github.ariaauth.test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.github.ariaauth.test.StandInHttp.JSON;
import static io.github.ariaauth.test.StandInHttp.accessToken;
import static io.github.ariaauth.test.StandInHttp.converse;
import static io.github.ariaauth.test.StandInHttp.json;
import static io.github.ariaauth.test.StandInHttp.question;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Converse API v3 of {@link AriaStandIn}: {@code 202} first, the answer
 * later through a callback.
 */
class ConverseV3Tests {

	@RegisterExtension
	static final AriaStandInExtension aria = new AriaStandInExtension();

	private final AriaStandIn standIn = aria.standIn();

	private final MockWebServer receiver = new MockWebServer();

	@BeforeEach
	void startReceiver() throws Exception {
		this.receiver.start(InetAddress.getLoopbackAddress(), 0);
	}

	@AfterEach
	void close() {
		this.receiver.close();
	}

	@Test
	void acceptsRequestAndPostsV2AnswerToCallback() throws Exception {
		this.receiver.enqueue(new MockResponse.Builder().code(204).build());
		String callbackUrl = this.receiver.url("/billie/answers").toString();
		HttpResponse<String> response = converseV3(accessToken(this.standIn),
				withCallback("Where is my order", callbackUrl));
		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode accepted = json(response);
		assertThat(accepted.get("message").asString()).isEqualTo("Request accepted");
		String taskId = accepted.get("task_id").asString();
		assertThat(UUID.fromString(taskId)).isNotNull();
		RecordedRequest callback = this.receiver.takeRequest(5, TimeUnit.SECONDS);
		assertThat(callback).isNotNull();
		assertThat(callback.getMethod()).isEqualTo("POST");
		assertThat(callback.getUrl().encodedPath()).isEqualTo("/billie/answers");
		assertThat(callback.getHeaders().get("Content-Type")).isEqualTo("application/json");
		assertThat(callback.getHeaders().get("Authorization")).isNull();
		JsonNode answer = JSON.readTree(callback.getBody().string(StandardCharsets.UTF_8));
		assertThat(answer.at("/content/type").asString()).isEqualTo("RESPONSE");
		assertThat(answer.at("/content/structured_data/response_type").asString()).isEqualTo("ORDER_INFO");
		assertThat(answer.at("/metadata/in_reply_to_message_id").asString()).isEqualTo("m-1");
		assertThat(answer.get("conversation_id").asString()).isEqualTo("c-1");
		List<CallbackDelivery> deliveries = this.standIn.awaitCallbackDeliveries(1, Duration.ofSeconds(5));
		assertThat(deliveries).singleElement().satisfies((delivery) -> {
			assertThat(delivery.taskId()).isEqualTo(taskId);
			assertThat(delivery.callbackUrl()).hasToString(callbackUrl);
			assertThat(delivery.statusCode()).isEqualTo(204);
			assertThat(delivery.succeeded()).isTrue();
		});
	}

	@Test
	void recordsCallbackThatReceiverRejects() throws Exception {
		this.receiver.enqueue(new MockResponse.Builder().code(500).build());
		String callbackUrl = this.receiver.url("/cb").toString();
		assertThat(converseV3(accessToken(this.standIn), withCallback("balance", callbackUrl)).statusCode())
			.isEqualTo(202);
		assertThat(this.standIn.awaitCallbackDeliveries(1, Duration.ofSeconds(5))).singleElement()
			.satisfies((delivery) -> {
				assertThat(delivery.statusCode()).isEqualTo(500);
				assertThat(delivery.succeeded()).isFalse();
				assertThat(delivery.failure()).contains("500");
			});
	}

	@Test
	void recordsCallbackThatCannotConnect() throws Exception {
		// A bound socket that never listens: connections are refused, and no other socket
		// can take the port meanwhile.
		try (Socket refusing = new Socket()) {
			refusing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			String callbackUrl = "http://127.0.0.1:" + refusing.getLocalPort() + "/cb";
			assertThat(converseV3(accessToken(this.standIn), withCallback("balance", callbackUrl)).statusCode())
				.isEqualTo(202);
			assertThat(this.standIn.awaitCallbackDeliveries(1, Duration.ofSeconds(5))).singleElement()
				.satisfies((delivery) -> {
					assertThat(delivery.statusCode()).isEqualTo(-1);
					assertThat(delivery.failure()).isNotBlank();
				});
		}
	}

	@Test
	void missingCallbackUrlIsBadRequest() throws Exception {
		HttpResponse<String> response = converseV3(accessToken(this.standIn), question("balance"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("message").asString()).contains("callback_url");
	}

	@Test
	void callbackToOtherHostIsRefused() throws Exception {
		HttpResponse<String> response = converseV3(accessToken(this.standIn),
				withCallback("balance", "http://billie.example.com/cb"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.standIn.callbackDeliveries()).isEmpty();
	}

	@Test
	void invalidTokenIsUnauthorizedAndPostsNoCallback() throws Exception {
		this.receiver.enqueue(new MockResponse.Builder().code(204).build());
		this.receiver.enqueue(new MockResponse.Builder().code(204).build());
		String callbackUrl = this.receiver.url("/cb").toString();
		HttpResponse<String> response = converseV3("not-a-jwt", withCallback("balance", callbackUrl));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
		// Callbacks go out one at a time, in order, after the same delay: had the
		// rejected request scheduled one,
		// it would arrive before the callback of this accepted request.
		String accepted = json(converseV3(accessToken(this.standIn), withCallback("balance", callbackUrl)))
			.get("task_id")
			.asString();
		assertThat(this.standIn.awaitCallbackDeliveries(1, Duration.ofSeconds(5))).singleElement()
			.satisfies((delivery) -> assertThat(delivery.taskId()).isEqualTo(accepted));
		assertThat(this.receiver.getRequestCount()).isOne();
	}

	@Test
	void acceptsOnlyLoopbackCallbackUrls() {
		assertThat(ConverseEndpoint.loopbackCallbackUrl("http://localhost:8080/cb")).isNotNull();
		assertThat(ConverseEndpoint.loopbackCallbackUrl("http://127.0.0.1:8080/cb")).isNotNull();
		assertThat(ConverseEndpoint.loopbackCallbackUrl("https://[::1]:8443/cb")).isNotNull();
		assertThat(ConverseEndpoint.loopbackCallbackUrl("http://10.0.0.1/cb")).isNull();
		assertThat(ConverseEndpoint.loopbackCallbackUrl("http://localhost.example.com/cb")).isNull();
		assertThat(ConverseEndpoint.loopbackCallbackUrl("ftp://localhost/cb")).isNull();
		assertThat(ConverseEndpoint.loopbackCallbackUrl("/relative/cb")).isNull();
	}

	private HttpResponse<String> converseV3(String token, String body) throws Exception {
		return converse(this.standIn.apiBaseUrl() + "/api/v3/converse", "Bearer " + token, body);
	}

	private static String withCallback(String text, String callbackUrl) {
		ObjectNode request = (ObjectNode) JSON.readTree(question(text));
		request.put("callback_url", callbackUrl);
		return JSON.writeValueAsString(request);
	}

}
