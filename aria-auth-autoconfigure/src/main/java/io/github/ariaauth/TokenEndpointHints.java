package io.github.ariaauth;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What to tell a user about each kind of token endpoint failure, in terms of the
 * properties of the registration that failed: {@code aria.auth.*} for the default one,
 * {@code aria.auth.registrations.<name>.*} for a named one.
 */
final class TokenEndpointHints {

	private final String prefix;

	private final String credentials;

	TokenEndpointHints(String registrationId) {
		this.prefix = AriaTokenManager.REGISTRATION_ID.equals(registrationId) ? "aria.auth."
				: "aria.auth.registrations." + registrationId + ".";
		// Spring Boot's canonical variable names, as README gives them.
		String variables = this.prefix.toUpperCase(Locale.ROOT).replace("-", "").replace('.', '_');
		this.credentials = "Check " + this.prefix + "client-id and " + this.prefix + "client-secret (the Billie "
				+ "service account ID and key; environment variables " + variables + "CLIENTID and " + variables
				+ "CLIENTSECRET)";
	}

	String unreadableResponse() {
		return "The endpoint did not answer like an OAuth 2.0 token endpoint; check " + this.prefix + "token-uri or "
				+ this.prefix + "region and " + this.prefix + "stage.";
	}

	String unreachable() {
		boolean named = !"aria.auth.".equals(this.prefix);
		return "Check that the token endpoint is reachable from this machine (network, proxy) and that its "
				+ "certificate is trusted (the JVM's trust store, or " + this.prefix + "token.ssl-bundle), "
				+ this.prefix + "region and " + this.prefix + "stage or " + this.prefix + "token-uri, and "
				+ this.prefix + "token.connect-timeout / read-timeout"
				+ (named ? " (each unset one is that of aria.auth.token.*)." : ".");
	}

	String forError(int status, @Nullable String errorCode) {
		if ("invalid_client".equals(errorCode)) {
			return this.credentials + " and " + this.prefix + "client-authentication-method.";
		}
		// Keycloak's answer (HTTP 401) both to a wrong secret and to a client that has
		// service accounts disabled.
		if ("unauthorized_client".equals(errorCode)) {
			return this.credentials + "; if they are right, the client may not use the client-credentials grant: "
					+ "enable service-account use for it in Aria.";
		}
		if (status == 401) {
			return this.credentials + " and " + this.prefix + "client-authentication-method.";
		}
		if ("invalid_scope".equals(errorCode)) {
			return "Check " + this.prefix + "scope: the service account may not request these scopes.";
		}
		if ("unsupported_grant_type".equals(errorCode) || "invalid_request".equals(errorCode)
				|| "invalid_grant".equals(errorCode)) {
			return "The endpoint did not take the request the way Aria's token endpoint does: check " + this.prefix
					+ "token-uri or " + this.prefix + "region and " + this.prefix + "stage.";
		}
		if (status == 429 || status >= 500) {
			return "Aria's token endpoint is unavailable or overloaded; aria-auth retries with backoff.";
		}
		if (status == 404 || status == 405) {
			return "No token endpoint at this URL; check " + this.prefix + "token-uri or " + this.prefix + "region and "
					+ this.prefix + "stage.";
		}
		return "Check the " + this.prefix + "* configuration against the service account in Aria.";
	}

}
