package io.github.ariaauth;

import org.jspecify.annotations.Nullable;

/**
 * What to tell a user about each kind of token endpoint failure.
 */
final class TokenEndpointHints {

	static final String UNREADABLE_RESPONSE = "The endpoint did not answer like an OAuth 2.0 token endpoint; "
			+ "check aria.auth.token-uri or aria.auth.region and aria.auth.stage.";

	static final String UNREACHABLE = "Check that the token endpoint is reachable from this machine "
			+ "(network, proxy) and that its certificate is trusted (the JVM's trust store, or "
			+ "aria.auth.token.ssl-bundle), aria.auth.region and aria.auth.stage or aria.auth.token-uri, "
			+ "and aria.auth.token.connect-timeout / read-timeout.";

	private static final String CREDENTIALS = "Check aria.auth.client-id and aria.auth.client-secret (the Billie "
			+ "service account ID and key) and aria.auth.client-authentication-method.";

	private TokenEndpointHints() {
	}

	static String forError(int status, @Nullable String errorCode) {
		if ("invalid_client".equals(errorCode)) {
			return CREDENTIALS;
		}
		// Keycloak's answer (HTTP 401) both to a wrong secret and to a client that has
		// service accounts disabled.
		if ("unauthorized_client".equals(errorCode)) {
			return "Check aria.auth.client-id and aria.auth.client-secret (the Billie service account ID and key); if "
					+ "they are right, the client may not use the client-credentials grant: enable service-account use "
					+ "for it in Aria.";
		}
		if (status == 401) {
			return CREDENTIALS;
		}
		if ("invalid_scope".equals(errorCode)) {
			return "Check aria.auth.scope: the service account may not request these scopes.";
		}
		if ("unsupported_grant_type".equals(errorCode) || "invalid_request".equals(errorCode)
				|| "invalid_grant".equals(errorCode)) {
			return "The endpoint did not take the request the way Aria's token endpoint does: check "
					+ "aria.auth.token-uri or aria.auth.region and aria.auth.stage.";
		}
		if (status == 429 || status >= 500) {
			return "Aria's token endpoint is unavailable or overloaded; aria-auth retries with backoff.";
		}
		if (status == 404 || status == 405) {
			return "No token endpoint at this URL; check aria.auth.token-uri or aria.auth.region and aria.auth.stage.";
		}
		return "Check the aria.auth.* configuration against the service account in Aria.";
	}

}
