package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.TestTokens;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a caller of {@code ariaRestClient} (a thrown exception) and {@code ariaWebClient}
 * (an error signal) gets when no token can be had, and that nothing reaches the API
 * without one.
 */
class AriaClientsNoTokenTests {

	@StartStop
	private final MockWebServer tokenEndpoint = new MockWebServer();

	@StartStop
	private final MockWebServer api = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(FakeAria.CLIENTS)
		.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN);

	@ParameterizedTest
	@EnumSource
	void whenTheFirstTokenRequestFailsTheCallerGetsItsFailureAndTheApiIsNotCalled(AriaClient client) {
		this.tokenEndpoint.enqueue(TestTokens.json(401, "{\"error\":\"invalid_client\"}"));
		this.api.setDispatcher(answering(FakeAria.text(200, "ok")));
		runner().run((context) -> {
			Throwable failure = client.failureOf(context, "/ping");
			assertThat(failure).isInstanceOf(AriaAuthException.class);
			assertThat(((AriaAuthException) failure).getErrorCode()).isEqualTo("invalid_client");
			assertThat(((AriaAuthException) failure).getHttpStatus()).isEqualTo(401);
			assertThat(this.api.getRequestCount()).isZero();
			assertThat(this.tokenEndpoint.getRequestCount()).isOne();
		});
	}

	@ParameterizedTest
	@EnumSource
	void whenTheTokenRequestAfterA401FailsTheCallerGetsItsFailureAndNothingIsResent(AriaClient client) {
		this.tokenEndpoint.enqueue(TestTokens.tokenResponse("token-1", 3600));
		this.tokenEndpoint.enqueue(new MockResponse.Builder().code(503).body("down").build());
		this.api.setDispatcher(answering(FakeAria.text(401, "expired")));
		runner().run((context) -> {
			Throwable failure = client.failureOf(context, "/ping");
			assertThat(failure).isInstanceOf(AriaAuthException.class);
			assertThat(((AriaAuthException) failure).getHttpStatus()).isEqualTo(503);
			assertThat(this.api.getRequestCount()).isOne();
			assertThat(this.api.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
			assertThat(this.tokenEndpoint.getRequestCount()).isEqualTo(2);
		});
	}

	private ApplicationContextRunner runner() {
		String api = this.api.url("/").toString();
		return this.contextRunner.withPropertyValues("aria.auth.client-id=svc", "aria.auth.client-secret=key",
				"aria.auth.token-uri=" + this.tokenEndpoint.url("/token"),
				"aria.auth.api-base-url=" + api.substring(0, api.length() - 1));
	}

	private static Dispatcher answering(MockResponse response) {
		return new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return response;
			}
		};
	}

}
