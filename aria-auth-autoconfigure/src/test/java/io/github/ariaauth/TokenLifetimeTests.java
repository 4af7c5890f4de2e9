package io.github.ariaauth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how the token lifetime is read from odd but successful token responses, and
 * that none of them turns into a token request per call.
 */
class TokenLifetimeTests {

	private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final MutableClock clock = new MutableClock(START);

	@ParameterizedTest(name = "expires_in {0}")
	@ValueSource(strings = { "0", "-30", "\"soon\"", "null", "\"\"", "{}" })
	void unusableExpiresInFallsBackToTheJwtExpiry(String expiresIn) {
		String jwt = TestTokens.jwt(START, START.plusSeconds(900));
		enqueue("{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");

		assertThat(manager().getToken().expiresAt()).isEqualTo(START.plusSeconds(900));
	}

	@Test
	void expiresInAsANumericStringIsAccepted() {
		enqueue("{\"access_token\":\"" + TestTokens.jwt(START, START.plusSeconds(900))
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":\"120\"}");

		assertThat(manager().getToken().expiresAt()).isEqualTo(START.plusSeconds(120));
	}

	@Test
	void expiresInWinsOverTheJwtExpiryBecauseItIsImmuneToClockSkew() {
		enqueue("{\"access_token\":\"" + TestTokens.jwt(START, START.plusSeconds(900))
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":600}");

		assertThat(manager().getToken().expiresAt()).isEqualTo(START.plusSeconds(600));
	}

	@Test
	void hugeExpiresInIsCappedAtOneDay() {
		enqueue("{\"access_token\":\"" + TestTokens.jwt(START, START.plusSeconds(900))
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":9223372036854775807}");

		assertThat(manager().getToken().expiresAt()).isEqualTo(START.plus(Duration.ofDays(1)));
	}

	@Test
	void opaqueTokenIsUsedWithExpiresInAndHasNoClaims() {
		enqueue("{\"access_token\":\"not-a-jwt\",\"token_type\":\"Bearer\",\"expires_in\":3600}");

		AriaAccessToken token = manager().getToken();

		assertThat(token.tokenValue()).isEqualTo("not-a-jwt");
		assertThat(token.expiresAt()).isEqualTo(START.plusSeconds(3600));
		assertThat(token.claims()).isEqualTo(AriaTokenClaims.NONE);
	}

	@ParameterizedTest(name = "payload {0}")
	@ValueSource(strings = { "!!not-base64!!", "bm90IGpzb24", "WzEsMiwzXQ", "" })
	void jwtWithAnUnreadablePayloadIsUsedWithoutClaims(String payload) {
		String token = "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln";
		enqueue("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");

		AriaAccessToken fetched = manager().getToken();

		assertThat(fetched.claims()).isEqualTo(AriaTokenClaims.NONE);
		assertThat(fetched.expiresAt()).isEqualTo(START.plusSeconds(3600));
	}

	@Test
	void claimsOfOtherShapesAreReadLeniently() {
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("{\"aud\":[\"billie-connect-api\",\"account\"],\"client_no\":7000213,\"exp\":\"later\","
					+ "\"scope\":\" api  billing \"}")
				.getBytes(StandardCharsets.UTF_8));

		AriaTokenClaims claims = AriaTokenClaims.decode("e30." + payload + ".c2ln");

		assertThat(claims.audience()).containsExactly("billie-connect-api", "account");
		assertThat(claims.clientNo()).isEqualTo("7000213");
		assertThat(claims.accountNo()).isNull();
		assertThat(claims.expiresAt()).isNull();
		assertThat(claims.scopes()).containsExactlyInAnyOrder("api", "billing");
	}

	@Test
	void withoutExpiresInAndExpiryTheDefaultLifetimeApplies() {
		enqueue("{\"access_token\":\"opaque\",\"token_type\":\"Bearer\"}");

		assertThat(manager().getToken().expiresAt()).isEqualTo(START.plus(DEFAULT_LIFETIME));
	}

	@Test
	void jwtExpiryInThePastIsIgnoredInFavourOfTheDefaultLifetime() {
		enqueue("{\"access_token\":\"" + TestTokens.jwt(START.minusSeconds(7200), START.minusSeconds(3600))
				+ "\",\"token_type\":\"Bearer\"}");

		assertThat(manager().getToken().expiresAt()).isEqualTo(START.plus(DEFAULT_LIFETIME));
	}

	@Test
	void responsesWithoutALifetimeDoNotCauseATokenRequestPerCall() {
		for (int i = 0; i < 12; i++) {
			enqueue("{\"access_token\":\"opaque-" + i + "\",\"token_type\":\"Bearer\",\"expires_in\":0}");
		}
		AriaTokenManager manager = manager();

		// One call a second for 20 simulated minutes of 5-minute default lifetimes, each
		// refreshed 2.5 to 3.5
		// minutes in: 6 to 9 requests, where a 1-second lifetime would have made 1,200.
		for (int second = 0; second < 1200; second++) {
			manager.getToken();
			this.clock.advance(Duration.ofSeconds(1));
		}

		assertThat(this.server.getRequestCount()).isBetween(6, 9);
	}

	private void enqueue(String body) {
		this.server.enqueue(TestTokens.json(200, body));
	}

	private AriaTokenManager manager() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("aria")
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(this.server.url("/token").toString())
			.build();
		return AriaTokenManager.builder(registration)
			.clock(this.clock)
			.executor(Runnable::run)
			.defaultLifetime(DEFAULT_LIFETIME)
			.build();
	}

}
