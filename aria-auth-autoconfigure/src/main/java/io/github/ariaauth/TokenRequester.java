package io.github.ariaauth;

import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Makes one token request, observed when the application observes, and turns whatever
 * happens into an outcome: a token or an {@link AriaAuthException}, never a throw.
 */
final class TokenRequester {

	private static final Log logger = LogFactory.getLog(AriaTokenManager.class);

	private final TokenEndpointClient endpoint;

	private final TokenRequestObservations observations;

	private final TokenFailures failures;

	private final TokenCredentials credentials;

	TokenRequester(TokenEndpointClient endpoint, TokenRequestObservations observations, TokenFailures failures,
			TokenCredentials credentials) {
		this.endpoint = endpoint;
		this.observations = observations;
		this.failures = failures;
		this.credentials = credentials;
	}

	/**
	 * The caller's current observation, to become the parent of the request it waits for.
	 */
	@Nullable Observation currentObservation() {
		return this.observations.current();
	}

	/**
	 * Request a token. The observation is left running: the caller stops it once the
	 * outcome is applied and the waiters answered.
	 */
	Outcome request(@Nullable Observation parent) {
		TokenRequestObservations.Running observation = this.observations.start(parent);
		try {
			AriaAccessToken token = fetchWithCurrentCredentials(observation);
			return new Outcome(token, null, observation, this.credentials.takeChanged());
		}
		catch (AriaAuthException ex) {
			return new Outcome(null, ex, observation, this.credentials.takeChanged());
		}
		catch (Throwable ex) {
			return new Outcome(null, this.failures.unexpected(ex), observation, this.credentials.takeChanged());
		}
		finally {
			observation.closeScope();
		}
	}

	/**
	 * Fetch with the credentials of the moment; when the token endpoint rejects the
	 * client and the credentials turn out to have changed since (a rotated key whose file
	 * or property was updated), once more at once with the new ones rather than after a
	 * backoff.
	 */
	private AriaAccessToken fetchWithCurrentCredentials(TokenRequestObservations.Running observation) {
		ClientRegistration registration = this.credentials.registration();
		AriaAccessToken token;
		try {
			token = fetch(observation, registration);
		}
		catch (AriaAuthException ex) {
			if (!clientRejected(ex) || !this.credentials.rejected(registration)) {
				throw ex;
			}
			logger.info(registration.getRegistrationId() + ": the token endpoint rejected the client ("
					+ ex.getErrorCode() + ") and its credentials have changed since; sending the token request "
					+ "again with the new ones");
			ClientRegistration renewed = this.credentials.registration();
			try {
				token = fetch(observation, renewed);
			}
			catch (AriaAuthException again) {
				if (clientRejected(again)) {
					this.credentials.rejected(renewed);
				}
				throw again;
			}
		}
		this.credentials.accepted();
		return token;
	}

	static boolean clientRejected(AriaAuthException ex) {
		return "invalid_client".equals(ex.getErrorCode()) || "unauthorized_client".equals(ex.getErrorCode());
	}

	private AriaAccessToken fetch(TokenRequestObservations.Running observation, ClientRegistration registration) {
		if (!observation.observed()) {
			return this.endpoint.fetch(false, registration);
		}
		try {
			return this.endpoint.fetch(true, registration);
		}
		catch (RuntimeException ex) {
			if (ex instanceof AriaAuthException || !fromObservationHandler(ex)) {
				throw ex;
			}
			// An observation handler of the application failed on the HTTP call: once
			// more without observation, which stays off from now on.
			this.observations.handlerFailed(ex);
			return this.endpoint.fetch(false, registration);
		}
	}

	/**
	 * Whether the exception was thrown while Micrometer called an observation handler
	 * (its stack passes through the observation that notifies the handlers); anything
	 * else is a failure of the request itself and must neither be sent again nor turn
	 * observation off.
	 */
	static boolean fromObservationHandler(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			for (StackTraceElement frame : current.getStackTrace()) {
				if (frame.getClassName().startsWith("io.micrometer.observation.")
						&& frame.getMethodName().startsWith("notifyOn")) {
					return true;
				}
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	/**
	 * What a request came to.
	 *
	 * @param token the token, if one came
	 * @param failure the failure, if none did
	 * @param observation the request's observation, still running
	 * @param credentialsChanged whether the request took new credentials into use
	 */
	record Outcome(@Nullable AriaAccessToken token, @Nullable AriaAuthException failure,
			TokenRequestObservations.Running observation, boolean credentialsChanged) {
	}

}
