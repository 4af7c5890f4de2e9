package io.github.ariaauth;

import java.time.Duration;

/**
 * Hears what the {@link AriaTokenManager} does, for metrics and diagnostics. Called on the thread that
 * did the work; implementations must be quick and must not throw.
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

}
