package io.github.ariaauth.keycloak;

import java.time.Duration;
import java.util.Collection;

import io.github.ariaauth.AriaAccessToken;

/**
 * How much later than the JWT's own {@code exp} aria-auth expects a token to expire.
 * aria-auth counts {@code expires_in} from when the answer arrived; Keycloak counts it
 * from its issue time in whole seconds, so aria-auth's expiry is later by the rounding
 * (up to a second) plus the answer's time in transit.
 */
final class ExpiryDrift {

	private ExpiryDrift() {
	}

	static Duration of(AriaAccessToken token) {
		return Duration.between(token.claims().expiresAt(), token.expiresAt());
	}

	static Duration largest(Collection<AriaAccessToken> tokens) {
		return tokens.stream().map(ExpiryDrift::of).max(Duration::compareTo).orElse(Duration.ZERO);
	}

}
