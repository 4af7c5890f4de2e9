package io.github.ariaauth;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for how {@link TokenRequester} tells an observation handler's failure from a
 * failure of the request itself.
 */
class TokenRequesterTests {

	@Test
	void failureThrownWhileMicrometerNotifiesAHandlerComesFromTheHandler() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
			@Override
			public void onStart(Observation.Context context) {
				throw new IllegalStateException("handler bug");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});

		Throwable failure = catchThrowable(() -> Observation.start("probe", registry));

		assertThat(failure).isInstanceOf(IllegalStateException.class);
		assertThat(TokenRequester.fromObservationHandler(failure)).isTrue();
		assertThat(TokenRequester.fromObservationHandler(new RuntimeException("wrapped", failure))).isTrue();
	}

	@Test
	void failureOfTheRequestItselfIsNotTakenForAHandlers() {
		assertThat(TokenRequester.fromObservationHandler(new IllegalStateException("request factory bug"))).isFalse();
	}

}
