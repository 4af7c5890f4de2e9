package io.github.ariaauth;

import org.jspecify.annotations.Nullable;

/**
 * Supplies the credentials of token requests from anywhere (a vault, a database, a file
 * of its own), asked before each token request, so that a rotated key is used from the
 * next token request on without a restart.
 * <p>
 * Declared as a bean, one provider serves every registration: it is given the
 * registration id ({@value AriaTokenManager#REGISTRATION_ID} for the top-level one, the
 * name under {@code aria.auth.registrations} for the others) and returns {@code null} for
 * a registration it does not serve, which then uses its configured {@code client-secret}
 * or {@code client-secret-file}.
 * <p>
 * It is called on a token request thread, never on a caller's: it may block briefly (a
 * cached vault read), but the time it takes counts against the token request. It must not
 * log what it returns.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AriaClientCredentialsProvider {

	/**
	 * Return the credentials of the next token request of a registration.
	 * @param registrationId the registration id
	 * @return the credentials, or {@code null} to use the registration's configured ones
	 */
	@Nullable AriaClientCredentials getCredentials(String registrationId);

	/**
	 * The token endpoint answered {@code invalid_client} or {@code unauthorized_client}
	 * to these credentials: a provider that caches should read its source again now.
	 * Right after this, the provider is asked again, and when the answer differs the
	 * token request is sent again at once. Does nothing by default.
	 * @param registrationId the registration id
	 * @param rejected the credentials the token endpoint rejected
	 */
	default void credentialsRejected(String registrationId, AriaClientCredentials rejected) {
	}

}
