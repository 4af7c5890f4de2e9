package io.github.ariaauth;

import java.time.Instant;
import java.util.Set;

/**
 * An access token issued by Aria, with the moments that govern its use.
 * <p>
 * {@link #toString()} never shows the token value.
 *
 * @since 0.1.0
 * @param tokenValue the bearer token to send in the {@code Authorization} header
 * @param issuedAt when aria-auth received the token
 * @param expiresAt when the token stops being valid
 * @param scopes the granted scopes
 * @param claims the token's decoded (unverified) claims
 */
public record AriaAccessToken(String tokenValue, Instant issuedAt, Instant expiresAt, Set<String> scopes,
		AriaTokenClaims claims) {

	public AriaAccessToken {
		scopes = Set.copyOf(scopes);
	}

	@Override
	public String toString() {
		return "AriaAccessToken[tokenValue=******, issuedAt=" + this.issuedAt + ", expiresAt=" + this.expiresAt
				+ ", scopes=" + this.scopes + ", claims=" + this.claims + "]";
	}

}
