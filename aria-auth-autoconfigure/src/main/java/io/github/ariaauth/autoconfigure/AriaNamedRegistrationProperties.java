package io.github.ariaauth.autoconfigure;

import java.time.Duration;
import java.util.function.Function;

import io.github.ariaauth.AriaRegistrationProperties;

import org.jspecify.annotations.Nullable;

/**
 * A registration under {@code aria.auth.registrations}: an
 * {@link AriaRegistrationProperties} complete on its own, plus {@code token.*} settings
 * of its own, each of which inherits {@code aria.auth.token.*} when unset.
 *
 * @since 0.1.0
 */
public class AriaNamedRegistrationProperties extends AriaRegistrationProperties {

	private final Token token = new Token();

	public Token getToken() {
		return this.token;
	}

	/**
	 * The registration's own timing and SSL settings of token requests; each unset one is
	 * the one of {@code aria.auth.token.*}.
	 */
	public static class Token {

		/**
		 * Connect timeout of the registration's token requests. Unset: see
		 * aria.auth.token.connect-timeout.
		 */
		private @Nullable Duration connectTimeout;

		/**
		 * Read timeout of the registration's token requests. Unset: see
		 * aria.auth.token.read-timeout.
		 */
		private @Nullable Duration readTimeout;

		/**
		 * Longest time a caller waits for the registration's token. Unset: see
		 * aria.auth.token.acquire-timeout.
		 */
		private @Nullable Duration acquireTimeout;

		/**
		 * Remaining lifetime at which the registration's background refresh starts.
		 * Unset: see aria.auth.token.refresh-window.
		 */
		private @Nullable Duration refreshWindow;

		/**
		 * Remaining lifetime below which the registration's token is no longer sent.
		 * Unset: see aria.auth.token.expiry-margin.
		 */
		private @Nullable Duration expiryMargin;

		/**
		 * Lifetime assumed when a token response has no expires_in and the token no exp
		 * claim. Unset: see aria.auth.token.default-lifetime.
		 */
		private @Nullable Duration defaultLifetime;

		/**
		 * First delay before retrying a failed token request. Unset: see
		 * aria.auth.token.initial-backoff.
		 */
		private @Nullable Duration initialBackoff;

		/**
		 * Longest delay between retries of failed token requests. Unset: see
		 * aria.auth.token.max-backoff.
		 */
		private @Nullable Duration maxBackoff;

		/**
		 * Longest delay between retries once no valid token is held. Unset: see
		 * aria.auth.token.max-backoff-without-token.
		 */
		private @Nullable Duration maxBackoffWithoutToken;

		/**
		 * Name of the SSL bundle for the registration's token requests
		 * (spring.ssl.bundle.*). Unset: see aria.auth.token.ssl-bundle.
		 */
		private @Nullable String sslBundle;

		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public @Nullable Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(@Nullable Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public @Nullable Duration getAcquireTimeout() {
			return this.acquireTimeout;
		}

		public void setAcquireTimeout(@Nullable Duration acquireTimeout) {
			this.acquireTimeout = acquireTimeout;
		}

		public @Nullable Duration getRefreshWindow() {
			return this.refreshWindow;
		}

		public void setRefreshWindow(@Nullable Duration refreshWindow) {
			this.refreshWindow = refreshWindow;
		}

		public @Nullable Duration getExpiryMargin() {
			return this.expiryMargin;
		}

		public void setExpiryMargin(@Nullable Duration expiryMargin) {
			this.expiryMargin = expiryMargin;
		}

		public @Nullable Duration getDefaultLifetime() {
			return this.defaultLifetime;
		}

		public void setDefaultLifetime(@Nullable Duration defaultLifetime) {
			this.defaultLifetime = defaultLifetime;
		}

		public @Nullable Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(@Nullable Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public @Nullable Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(@Nullable Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public @Nullable Duration getMaxBackoffWithoutToken() {
			return this.maxBackoffWithoutToken;
		}

		public void setMaxBackoffWithoutToken(@Nullable Duration maxBackoffWithoutToken) {
			this.maxBackoffWithoutToken = maxBackoffWithoutToken;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		/**
		 * These settings over {@code inherited}: a copy of {@code inherited} with each
		 * setting that is set here replaced.
		 */
		AriaAuthProperties.Token over(AriaAuthProperties.Token inherited) {
			AriaAuthProperties.Token effective = new AriaAuthProperties.Token();
			effective
				.setConnectTimeout(or(this.connectTimeout, inherited, AriaAuthProperties.Token::getConnectTimeout));
			effective.setReadTimeout(or(this.readTimeout, inherited, AriaAuthProperties.Token::getReadTimeout));
			effective
				.setAcquireTimeout(or(this.acquireTimeout, inherited, AriaAuthProperties.Token::getAcquireTimeout));
			effective.setRefreshWindow(or(this.refreshWindow, inherited, AriaAuthProperties.Token::getRefreshWindow));
			effective.setExpiryMargin(or(this.expiryMargin, inherited, AriaAuthProperties.Token::getExpiryMargin));
			effective
				.setDefaultLifetime(or(this.defaultLifetime, inherited, AriaAuthProperties.Token::getDefaultLifetime));
			effective
				.setInitialBackoff(or(this.initialBackoff, inherited, AriaAuthProperties.Token::getInitialBackoff));
			effective.setMaxBackoff(or(this.maxBackoff, inherited, AriaAuthProperties.Token::getMaxBackoff));
			effective.setMaxBackoffWithoutToken(
					or(this.maxBackoffWithoutToken, inherited, AriaAuthProperties.Token::getMaxBackoffWithoutToken));
			effective.setSslBundle((this.sslBundle != null) ? this.sslBundle : inherited.getSslBundle());
			return effective;
		}

		private static Duration or(@Nullable Duration own, AriaAuthProperties.Token inherited,
				Function<AriaAuthProperties.Token, Duration> setting) {
			return (own != null) ? own : setting.apply(inherited);
		}

	}

}
