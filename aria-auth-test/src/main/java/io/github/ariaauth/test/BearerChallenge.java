package io.github.ariaauth.test;

/**
 * {@code WWW-Authenticate} values of the Converse API (RFC 6750 section 3).
 */
final class BearerChallenge {

	static final String MISSING = "Bearer realm=\"aria\"";

	private BearerChallenge() {
	}

	static String invalidToken(String description) {
		return "Bearer realm=\"aria\", error=\"invalid_token\", error_description=\"" + description.replace('"', '\'')
				+ "\"";
	}

}
