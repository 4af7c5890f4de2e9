package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaTokenManager;

/**
 * Changes the builder of every token core aria-auth makes (the default registration's and
 * each named one's) before it is built: listeners, executor, request factory, timings.
 * {@link AriaTokenManager.Builder#registrationId()} tells the registrations apart.
 * Applied in order ({@code @Order}, {@code Ordered}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AriaTokenManagerBuilderCustomizer {

	/**
	 * Customize a token core's builder.
	 * @param builder the builder
	 */
	void customize(AriaTokenManager.Builder builder);

}
