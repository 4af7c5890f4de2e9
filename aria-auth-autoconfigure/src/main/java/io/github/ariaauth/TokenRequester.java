package io.github.ariaauth;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Makes one token request, observed when the application observes, and turns whatever
 * happens into an outcome: a token or an {@link AriaAuthException}, never a throw.
 */
final class TokenRequester {

	private final TokenEndpointClient endpoint;

	private final TokenRequestObservations observations;

	private final TokenFailures failures;

	TokenRequester(TokenEndpointClient endpoint, TokenRequestObservations observations, TokenFailures failures) {
		this.endpoint = endpoint;
		this.observations = observations;
		this.failures = failures;
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
			return new Outcome(fetch(observation), null, observation);
		}
		catch (AriaAuthException ex) {
			return new Outcome(null, ex, observation);
		}
		catch (Throwable ex) {
			return new Outcome(null, this.failures.unexpected(ex), observation);
		}
		finally {
			observation.closeScope();
		}
	}

	private AriaAccessToken fetch(TokenRequestObservations.Running observation) {
		if (!observation.observed()) {
			return this.endpoint.fetch(false);
		}
		try {
			return this.endpoint.fetch(true);
		}
		catch (RuntimeException ex) {
			if (ex instanceof AriaAuthException || !fromObservationHandler(ex)) {
				throw ex;
			}
			// An observation handler of the application failed on the HTTP call: once
			// more without observation, which stays off from now on.
			this.observations.handlerFailed(ex);
			return this.endpoint.fetch(false);
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
	 */
	record Outcome(@Nullable AriaAccessToken token, @Nullable AriaAuthException failure,
			TokenRequestObservations.Running observation) {
	}

}
