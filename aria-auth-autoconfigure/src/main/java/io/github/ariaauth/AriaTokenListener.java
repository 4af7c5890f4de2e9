package io.github.ariaauth;

import java.time.Duration;

/**
 * Hears what the {@link AriaTokenManager} does, for metrics and diagnostics. Called on
 * the thread that did the work, after the manager has settled its own state and answered
 * its callers; implementations should be quick. A listener that throws is logged (once at
 * WARN) and cannot disturb token handling.
 *
 * @since 0.1.0
 */
public interface AriaTokenListener {

	/**
	 * A token request succeeded.
	 * @param token the new token (never log its value)
	 * @param duration how long the request took
	 */
	default void tokenFetched(AriaAccessToken token, Duration duration) {
	}

	/**
	 * A token request failed.
	 * @param failure what went wrong
	 * @param duration how long the request took
	 */
	default void tokenFetchFailed(AriaAuthException failure, Duration duration) {
	}

	/**
	 * A token was dropped because the API rejected it.
	 * @param token the rejected token
	 */
	default void tokenInvalidated(AriaAccessToken token) {
	}

	/**
	 * A token fetched after a 401 was rejected by the API as well, so 401s stop dropping
	 * tokens for a while.
	 * @param token the new token that was rejected (never log its value)
	 * @param pause how long 401s keep the token
	 */
	default void newTokenRejected(AriaAccessToken token, Duration pause) {
	}

	/**
	 * A token request used new client credentials (a rotated secret read from its file or
	 * property, or new ones from an {@link AriaClientCredentialsProvider}).
	 */
	default void credentialsChanged() {
	}

}
