package io.github.ariaauth;

/**
 * The timings an {@link AriaTokenManager.Builder} hands to the token core it builds, for
 * tests of the auto-configuration outside this package.
 */
public final class BuilderTimings {

	private BuilderTimings() {
	}

	public static AriaTokenTimings of(AriaTokenManager.Builder builder) {
		return builder.timings();
	}

}
