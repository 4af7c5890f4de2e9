package io.github.ariaauth.faults;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.MutableClock;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The token endpoint faults every resilience test runs through, and the settings they
 * share.
 */
final class FaultMatrix {

	static final String CLIENT_ID = "billie-svc-4711";

	static final String CLIENT_SECRET = "kEy-0f-the-BILLIE-service-account-9f2c";

	/**
	 * The read timeout while a stalling fault is applied; good answers always get the
	 * generous one, so a slow machine times out only where a test wants it to.
	 */
	static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(500);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);

	static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

	static final Duration MAX_BACKOFF_WITHOUT_TOKEN = Duration.ofSeconds(2);

	private static final Duration STALL = Duration.ofSeconds(10);

	private FaultMatrix() {
	}

	/**
	 * One way for the token endpoint to fail.
	 *
	 * @param name what happens
	 * @param response the answer, or {@code null} when the endpoint refuses connections
	 * @param status the HTTP status the caller should see
	 * @param errorCode the error code the caller should see
	 * @param retryAfter the {@code Retry-After} the endpoint sends
	 */
	record Fault(String name, @Nullable Function<TokenServer, MockResponse> response, @Nullable Integer status,
			String errorCode, @Nullable Duration retryAfter) {

		boolean refused() {
			return this.response == null;
		}

		boolean stalls() {
			return this.name.startsWith("read timeout");
		}

		Duration readTimeout() {
			return stalls() ? SHORT_READ_TIMEOUT : READ_TIMEOUT;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	static List<Fault> faults() {
		return List.of(
				new Fault("400 invalid_client", (server) -> oauthError(400, "invalid_client"), 400, "invalid_client",
						null),
				new Fault("401 invalid_client", (server) -> oauthError(401, "invalid_client"), 401, "invalid_client",
						null),
				new Fault("400 unauthorized_client", (server) -> oauthError(400, "unauthorized_client"), 400,
						"unauthorized_client", null),
				new Fault("400 invalid_scope", (server) -> oauthError(400, "invalid_scope"), 400, "invalid_scope",
						null),
				new Fault("500", (server) -> text(500, "text/plain", "Internal Server Error"), 500, null, null),
				new Fault("502 with an HTML page", (server) -> text(502, "text/html", html()), 502, null, null),
				new Fault("503", (server) -> text(503, "text/plain", "unavailable"), 503, null, null),
				new Fault("503 with Retry-After", (server) -> withRetryAfter(text(503, "text/plain", "later"), 90), 503,
						null, Duration.ofSeconds(90)),
				new Fault("429", (server) -> text(429, "text/plain", "Too Many Requests"), 429, null, null),
				new Fault("429 with Retry-After", (server) -> withRetryAfter(text(429, "text/plain", "slow down"), 45),
						429, null, Duration.ofSeconds(45)),
				new Fault("connection refused", null, null, "connection_failed", null),
				new Fault("read timeout: slow headers",
						(server) -> new MockResponse.Builder(server.good())
							.headersDelay(STALL.toMillis(), TimeUnit.MILLISECONDS)
							.build(),
						null, "timeout", null),
				new Fault("read timeout: slow body",
						(server) -> new MockResponse.Builder(server.good())
							.bodyDelay(STALL.toMillis(), TimeUnit.MILLISECONDS)
							.build(),
						// Spring's JDK request closes the body stream when the read
						// timeout passes: the read then
						// fails like a dropped connection (see the report of issue #5).
						200, "connection_failed", null),
				new Fault("connection dropped mid-body",
						(server) -> new MockResponse.Builder(server.good())
							.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
							.build(),
						200, "connection_failed", null),
				new Fault("empty body", (server) -> TokenServer.json(200, ""), 200, "invalid_token_response", null),
				new Fault("HTML body", (server) -> text(200, "text/html", html()), 200, "invalid_token_response", null),
				new Fault("truncated JSON",
						(server) -> TokenServer.json(200,
								"{\"access_token\":\"" + server.issue(TestJwts.jwt("{\"client_no\":\"1\"}"))
										+ "\",\"token_type\":"),
						200, "invalid_token_response", null),
				new Fault("JSON without access_token",
						(server) -> TokenServer.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600}"), 200,
						"invalid_token_response", null),
				new Fault("token_type not Bearer",
						(server) -> TokenServer.json(200,
								"{\"access_token\":\"" + server.issue(TestJwts.jwt("{\"client_no\":\"1\"}"))
										+ "\",\"token_type\":\"mac\",\"expires_in\":3600}"),
						200, "invalid_token_response", null),
				new Fault("token_type missing",
						(server) -> TokenServer.json(200, "{\"access_token\":\""
								+ server.issue(TestJwts.jwt("{\"client_no\":\"1\"}")) + "\",\"expires_in\":3600}"),
						200, "invalid_token_response", null));
	}

	/** A clock at the simulated start of every fault test. */
	static MutableClock clock() {
		return MutableClock.startingAt("2026-01-01T00:00:00Z");
	}

	/**
	 * A manager for {@code server} that fetches on the calling thread, as every fault
	 * test wants.
	 */
	static AriaTokenManager.Builder manager(TokenServer server, MutableClock clock,
			ClientHttpRequestFactory requestFactory) {
		return AriaTokenManager.builder(registration(server.tokenUri()))
			.clock(clock)
			.executor(Runnable::run)
			.requestFactory(requestFactory);
	}

	static ClientRegistration registration(String tokenUri) {
		return ClientRegistration.withRegistrationId("aria")
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.tokenUri(tokenUri)
			.build();
	}

	static JdkClientHttpRequestFactory requestFactory() {
		return requestFactory(READ_TIMEOUT);
	}

	static JdkClientHttpRequestFactory requestFactory(Duration readTimeout) {
		// No fault waits on connecting (a loopback connect succeeds or is refused at
		// once): the
		// limit only bounds a hang, and 1 s fired at a load average of 30.
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient);
		factory.setReadTimeout(readTimeout);
		return factory;
	}

	static MockResponse oauthError(int status, String code) {
		return TokenServer.json(status, "{\"error\":\"" + code + "\",\"error_description\":\"the realm says " + code
				+ " for " + CLIENT_ID + "\"}");
	}

	private static MockResponse text(int status, String contentType, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", contentType).body(body).build();
	}

	private static MockResponse withRetryAfter(MockResponse response, int seconds) {
		return new MockResponse.Builder(response).setHeader("Retry-After", seconds).build();
	}

	private static String html() {
		return "<!DOCTYPE html><html><head><title>Bad Gateway</title></head><body><h1>502</h1></body></html>";
	}

}
