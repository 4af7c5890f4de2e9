package io.github.ariaauth.actuate;

import java.time.Clock;

import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes {@value #EXPIRY} for each registration (tag {@code registration}): seconds
 * until its cached token expires, 0 when none is held. Never fetches.
 *
 * @since 0.1.0
 */
public class AriaTokenExpiryMetrics implements MeterBinder {

	/** Gauge of the seconds the current token has left. */
	public static final String EXPIRY = "aria.auth.token.expiry";

	private final AriaRegistrations registrations;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param registrations the registrations whose tokens to observe
	 * @param clock the clock the token managers use
	 */
	public AriaTokenExpiryMetrics(AriaRegistrations registrations, Clock clock) {
		this.registrations = registrations;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registrations.names().forEach((name) -> bindTo(registry, name));
	}

	/**
	 * Publish the gauge of one registration, such as one added at run time.
	 * @param registry where to publish
	 * @param name the registration's name
	 * @throws IllegalArgumentException if there is no such registration
	 */
	public void bindTo(MeterRegistry registry, String name) {
		AriaTokenManager tokenManager = this.registrations.tokenManager(name);
		Gauge.builder(EXPIRY, tokenManager, this::secondsLeft)
			.description("Seconds until the current Aria token expires (0 when none is held)")
			.baseUnit("seconds")
			.tag("registration", name)
			.strongReference(true)
			.register(registry);
	}

	private double secondsLeft(AriaTokenManager tokenManager) {
		return tokenManager.getCachedToken()
			.map((token) -> Math.max(0, (token.expiresAt().toEpochMilli() - this.clock.millis()) / 1000.0))
			.orElse(0.0);
	}

}
