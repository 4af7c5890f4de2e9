package io.github.ariaauth.actuate;

import java.util.Optional;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the Aria token: UP while a valid token is held or none was needed yet, DOWN
 * when the last token request failed and no valid token is held. It only looks at the
 * cache: it never fetches a token, and shows neither the secret nor the token.
 *
 * @since 0.1.0
 */
public class AriaAuthHealthIndicator implements HealthIndicator {

	private final AriaTokenManager tokenManager;

	/**
	 * Create a new instance.
	 * @param tokenManager the token manager to report on
	 */
	public AriaAuthHealthIndicator(AriaTokenManager tokenManager) {
		this.tokenManager = tokenManager;
	}

	@Override
	public Health health() {
		Optional<AriaAccessToken> token = this.tokenManager.getCachedToken();
		Optional<AriaAuthException> failure = this.tokenManager.getLastFailure();
		Health.Builder health = (token.isEmpty() && failure.isPresent()) ? Health.down() : Health.up();
		health.withDetail("tokenUri", this.tokenManager.getTokenUri().toString());
		token.ifPresentOrElse((valid) -> health.withDetail("expiresAt", valid.expiresAt().toString()),
				() -> health.withDetail("token", failure.isPresent() ? "none" : "not fetched yet"));
		failure.ifPresent((last) -> {
			health.withDetail("error", (last.getErrorCode() != null) ? last.getErrorCode() : "none");
			if (last.getHttpStatus() != null) {
				health.withDetail("httpStatus", last.getHttpStatus());
			}
			health.withDetail("hint", last.getHint());
		});
		return health.build();
	}

}
