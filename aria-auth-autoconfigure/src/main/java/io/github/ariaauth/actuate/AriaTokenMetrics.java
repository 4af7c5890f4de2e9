package io.github.ariaauth.actuate;

import java.time.Duration;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaTokenListener;
import io.github.ariaauth.observation.DefaultAriaTokenRequestObservationConvention;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts, for one registration, tokens dropped after the API rejected them
 * ({@value #INVALIDATIONS}), new tokens rejected too ({@value #REJECTIONS}) and new
 * client credentials taken into use ({@value #CREDENTIAL_RELOADS}). The timer of token
 * requests ({@value #REQUESTS}) comes from their observations.
 *
 * @since 0.1.0
 */
public class AriaTokenMetrics implements AriaTokenListener {

	/**
	 * Timer of token requests, made by Micrometer from the observations of the same name.
	 */
	public static final String REQUESTS = DefaultAriaTokenRequestObservationConvention.NAME;

	/** Counter of tokens dropped because the API answered 401. */
	public static final String INVALIDATIONS = "aria.auth.token.invalidations";

	/**
	 * Counter of new tokens the API rejected too, each pausing invalidation for a while.
	 */
	public static final String REJECTIONS = "aria.auth.token.rejections";

	/**
	 * Counter of token requests that took new client credentials into use (a rotated
	 * secret).
	 */
	public static final String CREDENTIAL_RELOADS = "aria.auth.credentials.reloads";

	private final Counter invalidations;

	private final Counter credentialReloads;

	private final Counter rejections;

	/**
	 * Create a new instance.
	 * @param registry where to record
	 * @param registration the registration the token core serves, the value of the
	 * {@code registration} tag
	 */
	public AriaTokenMetrics(MeterRegistry registry, String registration) {
		this.invalidations = Counter.builder(INVALIDATIONS)
			.description("Aria tokens dropped because the API rejected them (401)")
			.tag("registration", registration)
			.register(registry);
		this.rejections = Counter.builder(REJECTIONS)
			.description("New Aria tokens the API rejected too (401), which pause dropping tokens for 401s")
			.tag("registration", registration)
			.register(registry);
		this.credentialReloads = Counter.builder(CREDENTIAL_RELOADS)
			.description("Token requests that took new client credentials into use (a rotated secret)")
			.tag("registration", registration)
			.register(registry);
	}

	@Override
	public void tokenInvalidated(AriaAccessToken token) {
		this.invalidations.increment();
	}

	@Override
	public void newTokenRejected(AriaAccessToken token, Duration pause) {
		this.rejections.increment();
	}

	@Override
	public void credentialsChanged() {
		this.credentialReloads.increment();
	}

}
