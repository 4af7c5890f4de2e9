package io.github.ariaauth.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A loopback stand-in for the Billie Connect API that accepts only tokens Keycloak
 * issued: each bearer token is validated against Keycloak's JWKS (signature, issuer,
 * audience, and expiry with no clock skew at all), and every request is recorded with
 * what was wrong with its token, if anything.
 * <p>
 * Spring Security's decoder caches the JWKS and fetches it again for a key it does not
 * know, so tokens stay verifiable while Keycloak is down and after Keycloak changes its
 * keys.
 */
final class BillieResourceServer implements AutoCloseable {

	static final String CONVERSE = "/api/v2/converse";

	private final MockWebServer server = new MockWebServer();

	private final NimbusJwtDecoder decoder;

	private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

	BillieResourceServer(KeycloakServer keycloak) {
		this.decoder = NimbusJwtDecoder.withJwkSetUri(keycloak.jwkSetUri().toString()).build();
		this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(Duration.ZERO),
				new JwtIssuerValidator(keycloak.issuer()), new JwtAudienceValidator(AriaRealm.AUDIENCE)));
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return answer(request);
			}
		});
		try {
			this.server.start(InetAddress.getLoopbackAddress(), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getPort();
	}

	List<Arrival> arrivals() {
		return List.copyOf(this.arrivals);
	}

	List<Arrival> rejected() {
		return this.arrivals.stream().filter((arrival) -> arrival.outcome() != Outcome.ACCEPTED).toList();
	}

	@Override
	public void close() {
		this.server.close();
	}

	private MockResponse answer(RecordedRequest request) {
		Instant arrivedAt = Instant.now();
		String authorization = request.getHeaders().get("Authorization");
		String started = request.getHeaders().get(Billie.CALL_STARTED);
		Instant callStartedAt = (started != null) ? Instant.parse(started) : null;
		if (!CONVERSE.equals(request.getUrl().encodedPath()) || !"POST".equals(request.getMethod())) {
			return json(404, "{\"error\":\"not found\"}");
		}
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			this.arrivals.add(new Arrival(arrivedAt, callStartedAt, Outcome.MISSING, null, null, null));
			return unauthorized("missing bearer token");
		}
		String token = authorization.substring("Bearer ".length());
		try {
			Jwt jwt = this.decoder.decode(token);
			this.arrivals
				.add(new Arrival(arrivedAt, callStartedAt, Outcome.ACCEPTED, jwt.getId(), jwt.getExpiresAt(), null));
			return json(200, "{\"client_no\":\"" + jwt.getClaimAsString("client_no") + "\",\"account_no\":\""
					+ jwt.getClaimAsString("account_no") + "\",\"token_id\":\"" + jwt.getId() + "\"}");
		}
		catch (JwtException ex) {
			JWTClaimsSet claims = unverifiedClaims(token);
			Instant expiresAt = (claims != null && claims.getExpirationTime() != null)
					? claims.getExpirationTime().toInstant() : null;
			boolean expired = expiresAt != null && arrivedAt.isAfter(expiresAt);
			this.arrivals.add(new Arrival(arrivedAt, callStartedAt, expired ? Outcome.EXPIRED : Outcome.INVALID,
					(claims != null) ? claims.getJWTID() : null, expiresAt, ex.getMessage()));
			return unauthorized(expired ? "token expired" : "invalid token");
		}
	}

	private static @Nullable JWTClaimsSet unverifiedClaims(String token) {
		try {
			return JWTParser.parse(token).getJWTClaimsSet();
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private static MockResponse unauthorized(String description) {
		return new MockResponse.Builder().code(401)
			.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + description + "\"")
			.build();
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
	}

	/**
	 * What the API made of a request's token.
	 */
	enum Outcome {

		ACCEPTED, EXPIRED, INVALID, MISSING

	}

	/**
	 * One request to the API: when it arrived, what became of its token, the token's id
	 * ({@code jti}) and end.
	 *
	 * @param arrivedAt when the request arrived
	 * @param callStartedAt when the call that sent it began, if it said so
	 * @param outcome what became of its token
	 * @param tokenId the token's {@code jti}
	 * @param expiresAt the token's {@code exp}
	 * @param reason why the token was rejected
	 */
	record Arrival(Instant arrivedAt, @Nullable Instant callStartedAt, Outcome outcome, @Nullable String tokenId,
			@Nullable Instant expiresAt, @Nullable String reason) {

	}

}
