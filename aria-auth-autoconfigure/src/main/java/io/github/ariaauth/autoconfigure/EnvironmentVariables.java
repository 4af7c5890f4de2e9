package io.github.ariaauth.autoconfigure;

import java.util.Locale;

/**
 * The environment variables Spring Boot binds to a property: its canonical form without
 * the dashes ({@code ARIA_AUTH_REGISTRATIONS_EMEAPORTAL_CLIENTID}), which aria-auth's
 * messages and README suggest, and the form with an underscore wherever the name has a
 * dot or a dash ({@code ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID}), which is also
 * how a placeholder such as {@code ${my-key}} is looked up.
 */
final class EnvironmentVariables {

	private EnvironmentVariables() {
	}

	/**
	 * The underscore form of a property name.
	 */
	static String underscored(String property) {
		return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	/**
	 * Boot's canonical form of a property name.
	 */
	static String canonical(String property) {
		return property.toUpperCase(Locale.ROOT).replace("-", "").replace('.', '_');
	}

}
