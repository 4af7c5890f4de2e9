package io.github.ariaauth.test;

import java.util.function.Supplier;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points the {@code aria.auth.*} properties of a Spring test at an {@link AriaStandIn}.
 *
 * @since 0.1.0
 */
public final class AriaStandInProperties {

	/**
	 * Property that holds the token endpoint.
	 */
	public static final String TOKEN_URI = "aria.auth.token-uri";

	/**
	 * Property that holds the Converse API's base URL.
	 */
	public static final String API_BASE_URL = "aria.auth.api-base-url";

	/**
	 * Property that holds the client ID.
	 */
	public static final String CLIENT_ID = "aria.auth.client-id";

	/**
	 * Property that holds the client secret.
	 */
	public static final String CLIENT_SECRET = "aria.auth.client-secret";

	private AriaStandInProperties() {
	}

	/**
	 * Register the token URI, API base URL, client ID and client secret of the given
	 * stand-in.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param standIn the stand-in, started by the time the properties are read
	 */
	public static void register(DynamicPropertyRegistry registry, AriaStandIn standIn) {
		register(registry, () -> standIn);
	}

	/**
	 * Register the token URI, API base URL, client ID and client secret of the stand-in
	 * of the given extension, looked up when the properties are read.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param extension the extension that runs the stand-in
	 */
	public static void register(DynamicPropertyRegistry registry, AriaStandInExtension extension) {
		register(registry, extension::standIn);
	}

	private static void register(DynamicPropertyRegistry registry, Supplier<AriaStandIn> standIn) {
		registry.add(TOKEN_URI, () -> standIn.get().tokenUri());
		registry.add(API_BASE_URL, () -> standIn.get().apiBaseUrl());
		registry.add(CLIENT_ID, () -> standIn.get().clientId());
		registry.add(CLIENT_SECRET, () -> standIn.get().clientSecret());
	}

}
