package io.github.ariaauth.actuate;

import java.time.Clock;

import io.github.ariaauth.AriaTokenManager;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes {@value #EXPIRY}: seconds until the cached token expires, 0 when none is held. Never fetches.
 */
public class AriaTokenExpiryMetrics implements MeterBinder {

	/** Gauge of the seconds the current token has left. */
	public static final String EXPIRY = "aria.auth.token.expiry";

	private final AriaTokenManager tokenManager;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param tokenManager the token manager to observe
	 * @param clock the clock the token manager uses
	 */
	public AriaTokenExpiryMetrics(AriaTokenManager tokenManager, Clock clock) {
		this.tokenManager = tokenManager;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(EXPIRY, this, AriaTokenExpiryMetrics::secondsLeft)
			.description("Seconds until the current Aria token expires (0 when none is held)")
			.baseUnit("seconds")
			.strongReference(true)
			.register(registry);
	}

	private double secondsLeft() {
		return this.tokenManager.getCachedToken()
			.map((token) -> Math.max(0, (token.expiresAt().toEpochMilli() - this.clock.millis()) / 1000.0))
			.orElse(0.0);
	}

}
