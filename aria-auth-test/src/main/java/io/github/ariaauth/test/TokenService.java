package io.github.ariaauth.test;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Signs and verifies the stand-in's RS256 access tokens with a key pair of its own.
 */
final class TokenService {

	static final String AUDIENCE = "billie-connect-api";

	private final RSAKey key;

	private final RSASSASigner signer;

	private final RSASSAVerifier verifier;

	TokenService() {
		try {
			this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
			this.signer = new RSASSASigner(this.key);
			this.verifier = new RSASSAVerifier(this.key.toRSAPublicKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate an RSA key pair", ex);
		}
	}

	String jwkSetJson() {
		return new JWKSet(this.key.toPublicJWK()).toString();
	}

	String issue(String issuer, String subject, String clientNo, @Nullable String accountNo, String scope,
			Instant issuedAt, Instant expiresAt) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience(AUDIENCE)
			.subject(subject)
			.claim("client_no", clientNo)
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt))
			.claim("scope", scope)
			.jwtID(UUID.randomUUID().toString());
		if (accountNo != null) {
			claims.claim("account_no", accountNo);
		}
		return sign(claims.build());
	}

	String sign(JWTClaimsSet claims) {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID())
			.type(JOSEObjectType.JWT)
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an access token", ex);
		}
		return jwt.serialize();
	}

	JWTClaimsSet verify(String token, String issuer, Instant now) throws InvalidTokenException {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(this.verifier)) {
				throw new InvalidTokenException("The access token signature is invalid");
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Date expiresAt = claims.getExpirationTime();
			if (expiresAt == null || !now.isBefore(expiresAt.toInstant())) {
				throw new InvalidTokenException("The access token expired");
			}
			if (claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
				throw new InvalidTokenException("The access token is not meant for " + AUDIENCE);
			}
			if (!issuer.equals(claims.getIssuer())) {
				throw new InvalidTokenException("The access token was issued by someone else");
			}
			if (claims.getStringClaim("client_no") == null) {
				throw new InvalidTokenException("The access token has no client_no");
			}
			return claims;
		}
		catch (ParseException | JOSEException ex) {
			throw new InvalidTokenException("The access token is malformed");
		}
	}

	/**
	 * Thrown when a bearer token is not acceptable.
	 */
	static final class InvalidTokenException extends Exception {

		InvalidTokenException(String message) {
			super(message, null, false, false);
		}

	}

}
