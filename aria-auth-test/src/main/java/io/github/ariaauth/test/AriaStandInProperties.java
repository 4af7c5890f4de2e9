package io.github.ariaauth.test;

import java.util.Objects;
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

	static final String DEFAULT_REGISTRATION = "aria";

	private AriaStandInProperties() {
	}

	/**
	 * Register the token URI, API base URL, client ID and client secret of the given
	 * stand-in.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param standIn the stand-in, started by the time the properties are read
	 */
	public static void register(DynamicPropertyRegistry registry, AriaStandIn standIn) {
		register(registry, DEFAULT_REGISTRATION, standIn);
	}

	/**
	 * Register the token URI, API base URL, client ID and client secret of the given
	 * stand-in for a registration: {@code aria} for the top-level {@code aria.auth.*}
	 * properties, another name for {@code aria.auth.registrations.<name>.*}.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param registration the name of the registration
	 * @param standIn the stand-in, started by the time the properties are read
	 */
	public static void register(DynamicPropertyRegistry registry, String registration, AriaStandIn standIn) {
		register(registry, checkRegistration(registration), () -> standIn);
	}

	/**
	 * Register the token URI, API base URL, client ID and client secret of the stand-in
	 * of the given extension, looked up when the properties are read, for the extension's
	 * registration ({@link AriaStandInExtension#registration()}).
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param extension the extension that runs the stand-in
	 */
	public static void register(DynamicPropertyRegistry registry, AriaStandInExtension extension) {
		register(registry, extension.registration(), extension::standIn);
	}

	private static void register(DynamicPropertyRegistry registry, String registration, Supplier<AriaStandIn> standIn) {
		String prefix = prefix(registration);
		registry.add(prefix + "token-uri", () -> standIn.get().tokenUri());
		registry.add(prefix + "api-base-url", () -> standIn.get().apiBaseUrl());
		registry.add(prefix + "client-id", () -> standIn.get().clientId());
		registry.add(prefix + "client-secret", () -> standIn.get().clientSecret());
	}

	/**
	 * The prefix of a registration's properties, such as {@code aria.auth.} or
	 * {@code aria.auth.registrations.emea.}.
	 */
	static String prefix(String registration) {
		return DEFAULT_REGISTRATION.equals(registration) ? "aria.auth."
				: "aria.auth.registrations." + registration + ".";
	}

	// The rule aria-auth applies to the names under aria.auth.registrations, checked here
	// so that a typo fails where it was written.
	static String checkRegistration(String registration) {
		Objects.requireNonNull(registration, "'registration' must not be null");
		if (!registration.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
			throw new IllegalArgumentException("Invalid registration name '" + registration
					+ "': use lower-case letters, digits and '-' (not first or last), as under aria.auth.registrations");
		}
		return registration;
	}

}
