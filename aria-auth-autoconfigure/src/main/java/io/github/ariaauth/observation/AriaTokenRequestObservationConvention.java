package io.github.ariaauth.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a token request; define a bean of this type to change
 * them.
 *
 * @since 0.1.0
 * @see DefaultAriaTokenRequestObservationConvention
 */
public interface AriaTokenRequestObservationConvention extends ObservationConvention<AriaTokenRequestContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof AriaTokenRequestContext;
	}

}
