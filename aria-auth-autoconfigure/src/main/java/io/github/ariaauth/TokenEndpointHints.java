package io.github.ariaauth;

import org.jspecify.annotations.Nullable;

/**
 * What to tell a user about each kind of token endpoint failure.
 */
final class TokenEndpointHints {

	static final String UNREADABLE_RESPONSE = "The endpoint did not answer like an OAuth 2.0 token endpoint; "
			+ "check aria.auth.token-uri or aria.auth.region and aria.auth.stage.";

	static final String UNREACHABLE = "Check that the token endpoint is reachable from this machine "
			+ "(network, proxy, TLS), aria.auth.region and aria.auth.stage or aria.auth.token-uri, "
			+ "and aria.auth.token.connect-timeout / read-timeout.";

	private TokenEndpointHints() {
	}

	static String forError(int status, @Nullable String errorCode) {
		if ("invalid_client".equals(errorCode) || "unauthorized_client".equals(errorCode) || status == 401) {
			return "Check aria.auth.client-id and aria.auth.client-secret (the Billie service account ID and key) "
					+ "and aria.auth.client-authentication-method.";
		}
		if ("invalid_scope".equals(errorCode)) {
			return "Check aria.auth.scope: the service account may not request these scopes.";
		}
		if ("unsupported_grant_type".equals(errorCode)) {
			return "The realm does not allow the client-credentials grant for this service account.";
		}
		if (status == 429 || status >= 500) {
			return "Aria's token endpoint is unavailable or overloaded; aria-auth retries with backoff.";
		}
		if (status == 404) {
			return "No token endpoint at this URL; check aria.auth.token-uri or aria.auth.region and aria.auth.stage.";
		}
		return "Check the aria.auth.* configuration against the service account in Aria.";
	}

}
