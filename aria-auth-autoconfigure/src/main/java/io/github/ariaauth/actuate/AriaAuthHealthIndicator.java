package io.github.ariaauth.actuate;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the Aria token: UP while a valid token is held or none was needed yet, DOWN
 * when the last token request failed and no valid token is held. With several
 * registrations, a registration in that state while another one serves reports
 * {@link #REGISTRATION_DOWN} instead, which Boot's default status order leaves out of the
 * aggregate, so that one service account cannot take a serving application DOWN. A
 * registration whose credentials the token endpoint rejected says that it waits for a new
 * secret ({@code credentials} detail). It only looks at the cache: it never fetches a
 * token, and shows neither the secret nor the token.
 *
 * @since 0.1.0
 */
public class AriaAuthHealthIndicator implements HealthIndicator {

	/**
	 * Status of a registration that has no token while another registration serves. Boot
	 * aggregates only the statuses of {@code management.endpoint.health.status.order} (by
	 * default {@code down, out-of-service, up, unknown}), so this one does not change the
	 * application's status unless it is added there (and mapped to a code with
	 * {@code management.endpoint.health.status.http-mapping.registration-down}).
	 */
	public static final Status REGISTRATION_DOWN = new Status("REGISTRATION_DOWN",
			"No token for this registration while another one serves");

	private final AriaTokenManager tokenManager;

	private final Collection<AriaTokenManager> registrations;

	/**
	 * Create a new instance for a single registration.
	 * @param tokenManager the token manager to report on
	 */
	public AriaAuthHealthIndicator(AriaTokenManager tokenManager) {
		this(tokenManager, List.of());
	}

	/**
	 * Create a new instance for one of several registrations.
	 * @param tokenManager the token manager to report on
	 * @param registrations the token managers of every registration (this one among them
	 * or not)
	 */
	public AriaAuthHealthIndicator(AriaTokenManager tokenManager, Collection<AriaTokenManager> registrations) {
		this.tokenManager = tokenManager;
		this.registrations = registrations;
	}

	@Override
	public Health health() {
		Optional<AriaAccessToken> token = this.tokenManager.getCachedToken();
		Optional<AriaAuthException> failure = this.tokenManager.getLastFailure();
		Health.Builder health = Health.up();
		if (token.isEmpty() && failure.isPresent()) {
			health = anotherServes() ? Health.status(REGISTRATION_DOWN) : Health.down();
		}
		health.withDetail("tokenUri", this.tokenManager.getTokenUri().toString());
		Health.Builder details = health;
		token.ifPresentOrElse((valid) -> details.withDetail("expiresAt", valid.expiresAt().toString()),
				() -> details.withDetail("token", failure.isPresent() ? "none" : "not fetched yet"));
		failure.ifPresent((last) -> {
			details.withDetail("error", (last.getErrorCode() != null) ? last.getErrorCode() : "none");
			if (last.getHttpStatus() != null) {
				details.withDetail("httpStatus", last.getHttpStatus());
			}
			details.withDetail("hint", last.getHint());
		});
		if (this.tokenManager.isAwaitingNewCredentials()) {
			health.withDetail("credentials", "rejected by the token endpoint; waiting for a new secret");
		}
		return health.build();
	}

	private boolean anotherServes() {
		for (AriaTokenManager other : this.registrations) {
			if (other != this.tokenManager && !isFailing(other)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isFailing(AriaTokenManager tokenManager) {
		return tokenManager.getCachedToken().isEmpty() && tokenManager.getLastFailure().isPresent();
	}

}
