package io.github.ariaauth.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.ariaauth.test.StandInHttp.accessToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the access tokens an {@link AriaStandIn} issues and the JWK Set it publishes.
 */
class AccessTokenTests {

	private static final Instant NOW = Instant.parse("2025-06-01T10:15:30Z");

	@RegisterExtension
	static final AriaStandInExtension aria = new AriaStandInExtension(AriaStandIn.builder()
		.clientId("sa-1")
		.clientNo("42")
		.accountNo("A-7")
		.tokenLifetime(Duration.ofMinutes(5))
		.clock(new MutableClock(NOW)));

	private static AriaStandIn clientWide;

	@BeforeAll
	static void startClientWideStandIn() {
		clientWide = AriaStandIn.builder().accountNo(null).build().start();
	}

	@AfterAll
	static void closeClientWideStandIn() {
		clientWide.close();
	}

	@Test
	void tokenVerifiesAgainstPublishedPublicKey(AriaStandIn standIn) throws Exception {
		JWKSet jwkSet = JWKSet.parse(StandInHttp.get(standIn.jwkSetUri()).body());
		assertThat(jwkSet.getKeys()).hasSize(1);
		RSAKey key = jwkSet.getKeys().get(0).toRSAKey();
		assertThat(key.isPrivate()).isFalse();
		SignedJWT jwt = SignedJWT.parse(accessToken(standIn));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.getKeyID());
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
	}

	@Test
	void tokenDoesNotVerifyAgainstKeyOfAnotherStandIn(AriaStandIn standIn) throws Exception {
		RSAKey otherKey = JWKSet.parse(StandInHttp.get(clientWide.jwkSetUri()).body()).getKeys().get(0).toRSAKey();
		assertThat(SignedJWT.parse(accessToken(standIn)).verify(new RSASSAVerifier(otherKey))).isFalse();
	}

	@Test
	void tokenCarriesAriaClaims(AriaStandIn standIn) throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(accessToken(standIn)).getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(standIn.apiBaseUrl() + "/realms/aria");
		assertThat(claims.getAudience()).containsExactly("billie-connect-api");
		assertThat(claims.getSubject()).isEqualTo("sa-1");
		assertThat(claims.getStringClaim("client_no")).isEqualTo("42");
		assertThat(claims.getStringClaim("account_no")).isEqualTo("A-7");
		assertThat(claims.getStringClaim("scope")).isEqualTo("api");
		assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(5))));
		assertThat(claims.getJWTID()).isNotBlank();
	}

	@Test
	void tokenHasNoAccountNoWhenNoneIsConfigured() throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(accessToken(clientWide)).getJWTClaimsSet();
		assertThat(claims.getClaims()).doesNotContainKey("account_no").containsEntry("client_no", "7000213");
	}

	@Test
	void eachTokenHasItsOwnId(AriaStandIn standIn) throws Exception {
		String first = SignedJWT.parse(accessToken(standIn)).getJWTClaimsSet().getJWTID();
		String second = SignedJWT.parse(accessToken(standIn)).getJWTClaimsSet().getJWTID();
		assertThat(first).isNotEqualTo(second);
		assertThat(standIn.issuedTokens()).hasSize(2).doesNotHaveDuplicates();
	}

}
