package io.github.ariaauth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * README's troubleshooting table, row by row: for each answer of the token endpoint, the
 * error code, status and hint the caller gets. Each hint is checked for its own advice
 * and against every other row's advice, so a code that gets another code's hint fails.
 */
class TokenEndpointErrorCodesTests {

	private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final MutableClock clock = new MutableClock(START);

	@ParameterizedTest(name = "HTTP {0} {1} -> {2}")
	@CsvSource(nullValues = "none", textBlock = """
			400, invalid_client,         CREDENTIALS
			401, invalid_client,         CREDENTIALS
			401, none,                   CREDENTIALS
			400, unauthorized_client,    SERVICE_ACCOUNT
			401, unauthorized_client,    SERVICE_ACCOUNT
			400, invalid_scope,          SCOPE
			400, unsupported_grant_type, WRONG_ENDPOINT
			400, invalid_request,        WRONG_ENDPOINT
			400, invalid_grant,          WRONG_ENDPOINT
			429, none,                   RETRIED
			500, none,                   RETRIED
			502, none,                   RETRIED
			503, temporarily_unavailable, RETRIED
			404, none,                   NOT_FOUND
			405, none,                   NOT_FOUND
			400, none,                   CONFIGURATION
			400, some_new_code,          CONFIGURATION
			""")
	void eachErrorCodeAndStatusGetsTheHintTheTroubleshootingTableGives(int status, @Nullable String code, Hint hint) {
		String body = (code != null) ? "{\"error\":\"" + code + "\",\"error_description\":\"the realm says no\"}"
				: "<html>error</html>";
		this.server.enqueue(new MockResponse.Builder().code(status)
			.setHeader("Content-Type", (code != null) ? "application/json" : "text/html")
			.body(body)
			.build());

		AriaAuthException failure = fetchFailure();

		assertThat(failure.getHttpStatus()).isEqualTo(status);
		assertThat(failure.getErrorCode()).isEqualTo(code);
		hint.assertIsTheHintOf(failure);
		String expectedStart = "Aria token request to " + tokenUri() + " failed: HTTP " + status
				+ ((code != null) ? ", error '" + code + "' (the realm says no)" : "") + ". ";
		assertThat(failure.getMessage()).isEqualTo(expectedStart + failure.getHint());
	}

	@Test
	void answerThatIsNotATokenResponseGetsTheUnreadableResponseHint() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "text/html")
			.body("<html>proxy login</html>")
			.build());

		AriaAuthException failure = fetchFailure();

		assertThat(failure.getErrorCode()).isEqualTo("invalid_token_response");
		assertThat(failure.getHttpStatus()).isEqualTo(200);
		Hint.UNREADABLE.assertIsTheHintOf(failure);
	}

	@Test
	void refusedConnectionGetsTheUnreachableHint() {
		String tokenUri = tokenUri();
		this.server.close();

		AriaAuthException failure = catchThrowableOfType(AriaAuthException.class,
				() -> manager(tokenUri).build().getToken());

		assertThat(failure.getErrorCode()).isEqualTo("connection_failed");
		assertThat(failure.getHttpStatus()).isNull();
		Hint.UNREACHABLE.assertIsTheHintOf(failure);
	}

	@Test
	void retryAfterAsAnHttpDateDelaysTheNextAttempt() {
		String in90Seconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(START.plusSeconds(90).atOffset(ZoneOffset.UTC));
		this.server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", in90Seconds).build());
		AriaTokenManager manager = manager(tokenUri()).build();

		AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, manager::getToken);

		assertThat(failure.getRetryAfter()).isEqualTo(Duration.ofSeconds(90));
		// The backoff alone would allow a new attempt after at most a second.
		this.clock.advance(Duration.ofSeconds(89));
		assertThat(catchThrowableOfType(AriaAuthException.class, manager::getToken).getCause())
			.isSameAs(failure.getCause());
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		assertThat(manager.getToken().claims().clientNo()).isEqualTo("7000213");
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void retryAfterAsAnHttpDateInThePastMeansNoExtraDelay() {
		String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(START.minusSeconds(60).atOffset(ZoneOffset.UTC));
		this.server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", past).build());

		assertThat(fetchFailure().getRetryAfter()).isEqualTo(Duration.ZERO);
	}

	@Test
	void errorDescriptionIsKeptUpTo200CharactersAndShortenedBeyond() {
		String longest = "d".repeat(200);
		this.server
			.enqueue(TestTokens.json(400, "{\"error\":\"invalid_request\",\"error_description\":\"" + longest + "\"}"));
		assertThat(fetchFailure().getErrorDescription()).isEqualTo(longest);
		this.server.enqueue(
				TestTokens.json(400, "{\"error\":\"invalid_request\",\"error_description\":\"" + longest + "e\"}"));
		assertThat(fetchFailure().getErrorDescription()).isEqualTo(longest + "...");
	}

	@ParameterizedTest
	@CsvSource(nullValues = "none", textBlock = """
			0,    PT0S
			-5,   none
			soon, none
			""")
	void retryAfterInSecondsMustNotBeNegative(String header, @Nullable Duration retryAfter) {
		this.server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", header).build());
		assertThat(fetchFailure().getRetryAfter()).isEqualTo(retryAfter);
	}

	@ParameterizedTest
	@ValueSource(ints = { 302, 303, 307, 308 })
	void tokenRequestNeverFollowsARedirectSoTheSecretStaysWithTheEndpoint(int status) throws Exception {
		try (MockWebServer elsewhere = new MockWebServer()) {
			elsewhere.start();
			// Another name for this machine, so that the redirect leads to another host.
			String otherHost = "localhost".equals(this.server.getHostName()) ? "127.0.0.1" : "localhost";
			this.server.enqueue(new MockResponse.Builder().code(status)
				.setHeader("Location", "http://" + otherHost + ":" + elsewhere.getPort() + "/token")
				.build());

			AriaAuthException failure = fetchFailure();

			assertThat(failure.getHttpStatus()).isEqualTo(status);
			assertThat(failure.getErrorCode()).isEqualTo("invalid_token_response");
			assertThat(elsewhere.getRequestCount()).isZero();
			assertThat(this.server.getRequestCount()).isEqualTo(1);
		}
	}

	private AriaAuthException fetchFailure() {
		AriaAuthException failure = catchThrowableOfType(AriaAuthException.class,
				() -> manager(tokenUri()).build().getToken());
		assertThat(failure).as("the caller's exception").isNotNull();
		return failure;
	}

	private String tokenUri() {
		return this.server.url("/realms/aria/protocol/openid-connect/token").toString();
	}

	private AriaTokenManager.Builder manager(String tokenUri) {
		return AriaTokenManager
			.builder(ClientRegistration.withRegistrationId(AriaTokenManager.REGISTRATION_ID)
				.clientId(TestTokens.CLIENT_ID)
				.clientSecret(TestTokens.CLIENT_SECRET)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenUri(tokenUri)
				.build())
			.clock(this.clock)
			.executor(Runnable::run);
	}

	/**
	 * The kinds of advice README's troubleshooting table gives, each recognised by words
	 * no other kind uses.
	 */
	@Test
	void proseInTheErrorFieldIsTheDescriptionNotACode() {
		this.server.enqueue(TestTokens.json(404, "{\"error\":\"Realm does not exist\"}"));

		AriaAuthException failure = fetchFailure();

		assertThat(failure.getErrorCode()).isNull();
		assertThat(failure.getErrorDescription()).isEqualTo("Realm does not exist");
		Hint.NOT_FOUND.assertIsTheHintOf(failure);
	}

	enum Hint {

		CREDENTIALS("aria.auth.client-authentication-method"),

		SERVICE_ACCOUNT("enable service-account use"),

		SCOPE("Check aria.auth.scope"),

		WRONG_ENDPOINT("the way Aria's token endpoint does"),

		RETRIED("retries with backoff"),

		NOT_FOUND("No token endpoint at this URL"),

		UNREADABLE("did not answer like an OAuth 2.0 token endpoint"),

		UNREACHABLE("aria.auth.token.ssl-bundle"),

		CONFIGURATION("against the service account in Aria");

		private final String words;

		Hint(String words) {
			this.words = words;
		}

		void assertIsTheHintOf(AriaAuthException failure) {
			assertThat(failure.getHint()).contains(this.words);
			Arrays.stream(values())
				.filter((other) -> other != this)
				.forEach((other) -> assertThat(failure.getHint()).as("hint for %s", this).doesNotContain(other.words));
		}

	}

}
