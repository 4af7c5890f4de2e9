package io.github.ariaauth.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ariaauth.AriaRegistrationProperties;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for aria-auth: the default registration ({@code aria}) at the
 * top level, further service accounts under {@code registrations}, and the token timings
 * of the default registration, which the others inherit unless they set their own.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("aria.auth")
public class AriaAuthProperties extends AriaRegistrationProperties {

	/**
	 * Whether to enable aria-auth.
	 */
	private boolean enabled = true;

	/**
	 * Whether to fetch a token while the application starts, failing startup if that
	 * fails.
	 */
	private boolean startupCheck = false;

	private final Token token = new Token();

	/**
	 * Further Aria service accounts by name (lower-case letters, digits and '-'), each
	 * complete on its own except for the token.* settings it leaves unset, which are
	 * those of aria.auth.token.
	 */
	private Map<String, AriaNamedRegistrationProperties> registrations = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isStartupCheck() {
		return this.startupCheck;
	}

	public void setStartupCheck(boolean startupCheck) {
		this.startupCheck = startupCheck;
	}

	public Token getToken() {
		return this.token;
	}

	public Map<String, AriaNamedRegistrationProperties> getRegistrations() {
		return this.registrations;
	}

	public void setRegistrations(Map<String, AriaNamedRegistrationProperties> registrations) {
		this.registrations = registrations;
	}

	@Override
	public String toString() {
		return "AriaAuthProperties[" + describe() + ", registrations=" + this.registrations.keySet() + "]";
	}

	/**
	 * Timing of token requests and of the token cache.
	 */
	public static class Token {

		/**
		 * Connect timeout of token requests.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Read timeout of token requests.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		/**
		 * Longest time a caller waits for a token before failing.
		 */
		private Duration acquireTimeout = Duration.ofSeconds(30);

		/**
		 * Remaining lifetime at which a background refresh starts (at most half the token
		 * lifetime).
		 */
		private Duration refreshWindow = Duration.ofMinutes(5);

		/**
		 * Remaining lifetime below which a token is no longer sent (at most a tenth of
		 * the token lifetime).
		 */
		private Duration expiryMargin = Duration.ofSeconds(30);

		/**
		 * Lifetime assumed when the token response has no expires_in and the token no exp
		 * claim.
		 */
		private Duration defaultLifetime = Duration.ofMinutes(5);

		/**
		 * First delay before retrying a failed token request; doubles per failure, with
		 * jitter.
		 */
		private Duration initialBackoff = Duration.ofSeconds(1);

		/**
		 * Longest delay between retries of failed token requests.
		 */
		private Duration maxBackoff = Duration.ofMinutes(2);

		/**
		 * Longest delay between retries once no valid token is held, so that callers
		 * recover within seconds of the token endpoint's return; capped by max-backoff.
		 */
		private Duration maxBackoffWithoutToken = Duration.ofSeconds(2);

		/**
		 * Name of the SSL bundle for token requests (spring.ssl.bundle.*); the JVM's
		 * trust store otherwise.
		 */
		private @Nullable String sslBundle;

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getAcquireTimeout() {
			return this.acquireTimeout;
		}

		public void setAcquireTimeout(Duration acquireTimeout) {
			this.acquireTimeout = acquireTimeout;
		}

		public Duration getRefreshWindow() {
			return this.refreshWindow;
		}

		public void setRefreshWindow(Duration refreshWindow) {
			this.refreshWindow = refreshWindow;
		}

		public Duration getExpiryMargin() {
			return this.expiryMargin;
		}

		public void setExpiryMargin(Duration expiryMargin) {
			this.expiryMargin = expiryMargin;
		}

		public Duration getDefaultLifetime() {
			return this.defaultLifetime;
		}

		public void setDefaultLifetime(Duration defaultLifetime) {
			this.defaultLifetime = defaultLifetime;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getMaxBackoffWithoutToken() {
			return this.maxBackoffWithoutToken;
		}

		public void setMaxBackoffWithoutToken(Duration maxBackoffWithoutToken) {
			this.maxBackoffWithoutToken = maxBackoffWithoutToken;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

	}

}
