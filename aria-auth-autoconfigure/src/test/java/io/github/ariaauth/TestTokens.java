package io.github.ariaauth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.MockResponse;
import mockwebserver3.QueueDispatcher;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Builds unsigned test JWTs and token endpoint answers; aria-auth only decodes tokens, so
 * no signature is needed.
 */
public final class TestTokens {

	public static final String CLIENT_ID = "test-client";

	public static final String CLIENT_SECRET = "s3cr3t-never-shown";

	private static final AtomicInteger counter = new AtomicInteger();

	private TestTokens() {
	}

	/**
	 * A JWT with Aria's claims; each call gives a distinct token.
	 */
	public static String jwt(Instant issuedAt, Instant expiresAt) {
		String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
		String payload = encode("{\"iss\":\"https://kauth.ariasystems.net/realms/aria\",\"aud\":\"billie-connect-api\","
				+ "\"sub\":\"" + CLIENT_ID + "\",\"client_no\":\"7000213\",\"account_no\":\"12345\",\"iat\":"
				+ issuedAt.getEpochSecond() + ",\"exp\":" + expiresAt.getEpochSecond()
				+ ",\"scope\":\"api\",\"jti\":\"t" + counter.incrementAndGet() + "\"}");
		return header + "." + payload + ".c2lnbmF0dXJl";
	}

	public static MockResponse tokenResponse(String accessToken, long expiresIn) {
		return json(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":"
				+ expiresIn + ",\"scope\":\"api\"}");
	}

	public static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
	}

	/**
	 * Registration {@code aria} with the test client's credentials (client_secret_post)
	 * and this token endpoint.
	 */
	public static ClientRegistration registration(String tokenUri) {
		return ClientRegistration.withRegistrationId("aria")
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(tokenUri)
			.build();
	}

	/**
	 * A token endpoint's dispatcher that answers the queued responses and, once none is
	 * left, a 503 at once: a token request the test did not expect (a broken client
	 * asking again) then fails instead of waiting for an answer that never comes.
	 */
	public static QueueDispatcher failingFastWhenNothingIsQueued() {
		QueueDispatcher dispatcher = new QueueDispatcher();
		dispatcher.setFailFast(json(503, "{}"));
		return dispatcher;
	}

	private static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
