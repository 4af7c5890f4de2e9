package io.github.ariaauth;

import java.net.URI;

import io.github.ariaauth.observation.AriaTokenObservationDocumentation;
import io.github.ariaauth.observation.AriaTokenRequestContext;
import io.github.ariaauth.observation.AriaTokenRequestObservationConvention;
import io.github.ariaauth.observation.DefaultAriaTokenRequestObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Observes token requests for the manager. Observation handlers are the application's
 * code: none of their failures may reach the token core, so every call into Micrometer is
 * contained here.
 */
final class TokenRequestObservations {

	private static final Log logger = LogFactory.getLog(TokenRequestObservations.class);

	private final ObservationRegistry registry;

	private final @Nullable AriaTokenRequestObservationConvention convention;

	private final String registrationId;

	private final URI tokenUri;

	// Once a handler has failed, token requests are no longer observed: the token matters
	// more than its trace.
	private volatile boolean handlerFailed;

	TokenRequestObservations(ObservationRegistry registry, @Nullable AriaTokenRequestObservationConvention convention,
			String registrationId, URI tokenUri) {
		this.registry = registry;
		this.convention = convention;
		this.registrationId = registrationId;
		this.tokenUri = tokenUri;
	}

	private boolean enabled() {
		return !this.handlerFailed && !this.registry.isNoop();
	}

	/**
	 * The observation current on the calling thread, to become the parent of a fetch the
	 * caller waits for.
	 */
	@Nullable Observation current() {
		if (!enabled()) {
			return null;
		}
		try {
			return this.registry.getCurrentObservation();
		}
		catch (RuntimeException ex) {
			handlerFailed(ex);
			return null;
		}
	}

	/**
	 * Start observing a request and make it current on this thread, so that the HTTP call
	 * becomes its child.
	 */
	Running start(@Nullable Observation parent) {
		AriaTokenRequestContext context = new AriaTokenRequestContext(this.registrationId, this.tokenUri);
		if (!enabled()) {
			return new Running(Observation.NOOP, context, null, false);
		}
		try {
			Observation observation = AriaTokenObservationDocumentation.TOKEN_REQUEST
				.observation(this.convention, DefaultAriaTokenRequestObservationConvention.INSTANCE, () -> context,
						this.registry)
				.parentObservation(parent)
				.start();
			return new Running(observation, context, observation.openScope(), true);
		}
		catch (RuntimeException ex) {
			handlerFailed(ex);
			return new Running(Observation.NOOP, context, null, false);
		}
	}

	/**
	 * Stop observing token requests after a failure that may come from an observation
	 * handler.
	 */
	void handlerFailed(Throwable ex) {
		if (!this.handlerFailed) {
			this.handlerFailed = true;
			logger.warn("An observation handler failed on an aria-auth token request; token requests are no "
					+ "longer observed and token handling goes on (further failures are logged at DEBUG)", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("An observation handler failed on an aria-auth token request", ex);
		}
	}

	/**
	 * A request being observed.
	 */
	final class Running {

		private final Observation observation;

		private final AriaTokenRequestContext context;

		private final Observation.@Nullable Scope scope;

		private final boolean observed;

		Running(Observation observation, AriaTokenRequestContext context, Observation.@Nullable Scope scope,
				boolean observed) {
			this.observation = observation;
			this.context = context;
			this.scope = scope;
			this.observed = observed;
		}

		/**
		 * Whether the request is observed, and so its HTTP call should be too.
		 */
		boolean observed() {
			return this.observed;
		}

		/**
		 * Leave the request's scope on this thread, before the manager settles the fetch.
		 */
		void closeScope() {
			try {
				if (this.scope != null) {
					this.scope.close();
				}
			}
			catch (RuntimeException ex) {
				handlerFailed(ex);
			}
		}

		/**
		 * End the observation, once the manager has settled the fetch and answered its
		 * callers.
		 */
		void stop(@Nullable AriaAuthException failure) {
			try {
				this.context.setFailure(failure);
				if (failure != null) {
					this.observation.error(failure);
				}
				this.observation.stop();
			}
			catch (RuntimeException ex) {
				handlerFailed(ex);
			}
		}

	}

}
