package io.github.ariaauth;

/**
 * Lets tests outside the root package reset a token manager, as aria-auth-test does.
 */
public final class TokenStateReset {

	private TokenStateReset() {
	}

	public static void reset(AriaTokenManager manager) {
		manager.resetForTesting();
	}

}
