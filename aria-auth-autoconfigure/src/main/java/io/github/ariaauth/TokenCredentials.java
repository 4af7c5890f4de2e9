package io.github.ariaauth;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * The credentials of a registration's token requests: asked of its
 * {@link AriaClientCredentialsProvider} before each request, and turned into the
 * {@link ClientRegistration} that Spring Security sends (an immutable copy of the
 * configured one with the current secret, made again only when the secret changes).
 * Remembers credentials the token endpoint rejected until they are replaced, so that the
 * failure gate lets a request through as soon as they are, instead of after its backoff.
 */
final class TokenCredentials {

	private static final Log logger = LogFactory.getLog(AriaTokenManager.class);

	private final ClientRegistration configured;

	private final @Nullable AriaClientCredentialsProvider provider;

	private volatile Current current;

	private volatile @Nullable AriaClientCredentials rejected;

	// Whether new credentials were taken into use since the last takeChanged(), for the
	// listeners (who are told once the request is settled).
	private volatile boolean changed;

	TokenCredentials(ClientRegistration configured, @Nullable AriaClientCredentialsProvider provider) {
		this.configured = configured;
		this.provider = provider;
		this.current = new Current(credentialsOf(configured), configured);
	}

	/**
	 * The registration for the next token request.
	 */
	ClientRegistration registration() {
		AriaClientCredentials credentials = ask();
		Current last = this.current;
		if (last.credentials.equals(credentials)) {
			return last.registration;
		}
		ClientRegistration registration = ClientRegistration.withClientRegistration(this.configured)
			.clientSecret(credentials.getClientSecret())
			.build();
		this.current = new Current(credentials, registration);
		this.changed = true;
		logger.info(this.configured.getRegistrationId() + ": using new client credentials from the next token "
				+ "request on");
		return registration;
	}

	/**
	 * The registration of the last token request (or the configured one before the
	 * first).
	 */
	ClientRegistration lastRegistration() {
		return this.current.registration;
	}

	/**
	 * The token endpoint rejected the client of {@code used}: tell the provider, ask it
	 * again, and say whether a token request with the new credentials is worth sending at
	 * once.
	 */
	boolean rejected(ClientRegistration used) {
		AriaClientCredentials rejected = credentialsOf(used);
		if (this.provider != null) {
			try {
				this.provider.credentialsRejected(this.configured.getRegistrationId(), rejected);
			}
			catch (RuntimeException ex) {
				logger.warn(this.configured.getRegistrationId() + ": the credentials provider failed when told of "
						+ "rejected credentials (" + ex.getClass().getName() + ")");
			}
		}
		boolean replaced = !ask().equals(rejected);
		if (!replaced && this.rejected == null) {
			// INFO: each failure is already a WARN of its own, with the credentials hint.
			logger.info("Aria registration '" + this.configured.getRegistrationId() + "': the token endpoint rejected "
					+ "the client credentials; waiting for a new secret, which is read again before each token "
					+ "request (client-secret-file, a refreshed client-secret or the credentials bean)");
		}
		this.rejected = replaced ? null : rejected;
		return replaced;
	}

	/**
	 * Whether new credentials were taken into use since the last call.
	 */
	boolean takeChanged() {
		boolean result = this.changed;
		this.changed = false;
		return result;
	}

	/**
	 * A token was issued: no credentials wait for replacement.
	 */
	void accepted() {
		this.rejected = null;
	}

	/**
	 * Whether the token endpoint rejected the credentials of the last request and they
	 * have been replaced since: a volatile read while no credentials were rejected.
	 */
	boolean rejectedReplaced() {
		AriaClientCredentials rejected = this.rejected;
		if (rejected == null) {
			return false;
		}
		try {
			return !ask().equals(rejected);
		}
		catch (RuntimeException ex) {
			// Asked on a caller's thread: a failing provider keeps the backoff, nothing
			// more; the next token request reports the failure.
			return false;
		}
	}

	/**
	 * Whether the registration waits for new credentials, the token endpoint having
	 * rejected its current ones.
	 */
	boolean awaitingNewCredentials() {
		return this.rejected != null;
	}

	private AriaClientCredentials ask() {
		AriaClientCredentials credentials = (this.provider != null)
				? this.provider.getCredentials(this.configured.getRegistrationId()) : null;
		return (credentials != null) ? credentials : credentialsOf(this.configured);
	}

	private static AriaClientCredentials credentialsOf(ClientRegistration registration) {
		return AriaClientCredentials.clientSecret(registration.getClientSecret());
	}

	private record Current(AriaClientCredentials credentials, ClientRegistration registration) {
	}

}
