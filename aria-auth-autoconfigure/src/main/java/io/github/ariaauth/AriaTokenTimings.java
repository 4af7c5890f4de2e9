package io.github.ariaauth;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The timing settings of a token core and the rules they follow, in one place: the
 * {@code aria.auth.token.*} properties and {@link AriaTokenManager.Builder#build()} are
 * both checked here, so that they cannot disagree. Settings are named as their properties
 * are, without the {@code aria.auth.token.} prefix.
 *
 * @since 0.1.0
 * @param readTimeout how long a token request may wait for the answer
 * @param acquireTimeout how long a caller waits for a token
 * @param refreshWindow how much lifetime is left when a background refresh starts
 * @param expiryMargin how much lifetime a token handed out still has at least
 * @param defaultLifetime the lifetime of a token whose answer and claims give none
 * @param initialBackoff the first pause after a failed token request
 * @param maxBackoff the longest pause while a usable token is held
 * @param maxBackoffWithoutToken the longest pause once none is
 */
public record AriaTokenTimings(Duration readTimeout, Duration acquireTimeout, Duration refreshWindow,
		Duration expiryMargin, Duration defaultLifetime, Duration initialBackoff, Duration maxBackoff,
		Duration maxBackoffWithoutToken) {

	/**
	 * The defaults of the properties and the builder.
	 */
	public static final AriaTokenTimings DEFAULTS = new AriaTokenTimings(Duration.ofSeconds(10), Duration.ofSeconds(30),
			Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(1),
			Duration.ofMinutes(2), Duration.ofSeconds(2));

	private static final String POSITIVE = "a positive duration, such as 10s";

	/**
	 * Check every rule, in the order of the properties.
	 * @throws InvalidTimingException naming the first setting that breaks one
	 */
	public AriaTokenTimings {
		positive("read-timeout", readTimeout);
		positive("acquire-timeout", acquireTimeout);
		positive("refresh-window", refreshWindow);
		positive("default-lifetime", defaultLifetime);
		positive("initial-backoff", initialBackoff);
		positive("max-backoff", maxBackoff);
		positive("max-backoff-without-token", maxBackoffWithoutToken);
		if (isNull(expiryMargin) || expiryMargin.isNegative()) {
			throw new InvalidTimingException("expiry-margin", expiryMargin, "a duration of zero or more, such as 30s");
		}
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new InvalidTimingException("max-backoff", maxBackoff,
					"a duration no shorter than %sinitial-backoff (" + initialBackoff + ")");
		}
	}

	private static void positive(String setting, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidTimingException(setting, value, POSITIVE);
		}
	}

	// Bound properties can be null at run time whatever their declaration says.
	private static boolean isNull(@Nullable Object value) {
		return value == null;
	}

	/**
	 * A timing setting that breaks a rule.
	 */
	public static final class InvalidTimingException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		private final String setting;

		private final @Nullable Duration value;

		private final String valid;

		InvalidTimingException(String setting, @Nullable Duration value, String valid) {
			super(setting + " " + value + " is invalid: expected " + String.format(valid, ""));
			this.setting = setting;
			this.value = value;
			this.valid = valid;
		}

		/**
		 * Return the setting, named as its property without the prefix (for example
		 * {@code max-backoff}).
		 * @return the setting
		 */
		public String getSetting() {
			return this.setting;
		}

		/**
		 * Return the value that breaks the rule.
		 * @return the value
		 */
		public @Nullable Duration getValue() {
			return this.value;
		}

		/**
		 * Describe the valid values, naming other settings with the given prefix.
		 * @param prefix the prefix of the settings' names, such as
		 * {@code aria.auth.token.}
		 * @return the description
		 */
		public String getValid(String prefix) {
			return String.format(this.valid, prefix);
		}

	}

}
