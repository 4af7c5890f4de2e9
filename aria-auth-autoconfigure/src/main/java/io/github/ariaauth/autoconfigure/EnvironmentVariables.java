package io.github.ariaauth.autoconfigure;

import java.util.Locale;

/**
 * The environment variables Spring Boot binds to a property: the form with an underscore
 * wherever the name has a dot or a dash
 * ({@code ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID}), which aria-auth's messages
 * suggest, and Boot's canonical form without the dashes
 * ({@code ARIA_AUTH_REGISTRATIONS_EMEAPORTAL_CLIENTID}).
 */
final class EnvironmentVariables {

	private EnvironmentVariables() {
	}

	/**
	 * The underscore form of a property name.
	 */
	static String of(String property) {
		return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	/**
	 * Boot's canonical form of a property name.
	 */
	static String canonical(String property) {
		return property.toUpperCase(Locale.ROOT).replace("-", "").replace('.', '_');
	}

}
