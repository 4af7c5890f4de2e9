package io.github.ariaauth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ariaauth.observation.AriaTokenRequestContext;
import io.github.ariaauth.observation.DefaultAriaTokenRequestObservationConvention;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Token requests as Micrometer observations: names, keys, parents, the HTTP call as a
 * child, and handlers that cannot hurt the token core.
 */
class AriaTokenObservationTests {

	private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final MutableClock clock = new MutableClock(START);

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final List<Observation.Context> stopped = Collections.synchronizedList(new ArrayList<>());

	AriaTokenObservationTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				AriaTokenObservationTests.this.stopped.add(context);
			}
		});
	}

	@Test
	void coldCallIsObservedAsAChildOfTheCallersObservationWithTheHttpCallAsItsOwnChild() {
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		try (AriaTokenManager manager = manager().build()) {
			Observation caller = Observation.start("caller", this.registry);
			try (Observation.Scope scope = caller.openScope()) {
				manager.getToken();
			}
			caller.stop();

			Observation.Context request = awaitStopped(DefaultAriaTokenRequestObservationConvention.NAME);
			Observation.Context http = awaitStopped("http.client.requests");
			assertThat(request.getParentObservation().getContextView()).isSameAs(caller.getContext());
			assertThat(http.getParentObservation().getContextView()).isSameAs(request);
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasObservationWithNameEqualTo(DefaultAriaTokenRequestObservationConvention.NAME)
				.that()
				.hasContextualNameEqualTo("aria-auth token request")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasLowCardinalityKeyValue("error.code", "none")
				.hasLowCardinalityKeyValue("status", "200")
				.hasLowCardinalityKeyValue("registration", "aria")
				.hasHighCardinalityKeyValue("aria.auth.token.uri", this.server.url("/token").toString());
			assertThat(keyValuesOf(request)).noneMatch((keyValue) -> keyValue.getValue().contains(TestTokens.CLIENT_ID)
					|| keyValue.getValue().contains(TestTokens.CLIENT_SECRET)
					|| keyValue.getValue().contains(manager.getToken().tokenValue()));
		}
	}

	@Test
	void backgroundRefreshIsARootOfItsOwnEvenWhenItRunsOnACallersThread() {
		ManualExecutor executor = new ManualExecutor();
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		try (AriaTokenManager manager = manager().executor(executor).build()) {
			manager.getTokenAsync();
			executor.runAll();
			this.stopped.clear();
			this.clock.advance(Duration.ofSeconds(3500));
			this.server.enqueue(TestTokens
				.tokenResponse(TestTokens.jwt(this.clock.instant(), this.clock.instant().plusSeconds(3600)), 3600));
			Observation caller = Observation.start("caller", this.registry);
			try (Observation.Scope scope = caller.openScope()) {
				manager.getToken();
				executor.runAll();
			}
			caller.stop();

			assertThat(awaitStopped(DefaultAriaTokenRequestObservationConvention.NAME).getParentObservation()).isNull();
		}
	}

	@Test
	void failedRequestCarriesTheErrorCodeAndStatus() {
		this.server.enqueue(TestTokens.json(401, "{\"error\":\"invalid_client\"}"));
		try (AriaTokenManager manager = manager().build()) {
			catchThrowableOfType(AriaAuthException.class, manager::getToken);

			awaitStopped(DefaultAriaTokenRequestObservationConvention.NAME);
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasObservationWithNameEqualTo(DefaultAriaTokenRequestObservationConvention.NAME)
				.that()
				.hasLowCardinalityKeyValue("outcome", "failure")
				.hasLowCardinalityKeyValue("error.code", "invalid_client")
				.hasLowCardinalityKeyValue("status", "401");
		}
	}

	@Test
	void timerOfTokenRequestsComesFromTheObservationWithItsTags() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		this.server.enqueue(TestTokens.json(503, "{}"));
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		try (AriaTokenManager manager = manager().observationRegistry(observations).build()) {
			catchThrowableOfType(AriaAuthException.class, manager::getToken);
			this.clock.advance(Duration.ofSeconds(2));
			manager.getToken();

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Timer failure = meters.find(DefaultAriaTokenRequestObservationConvention.NAME)
					.tags("outcome", "failure", "error.code", "none", "status", "503", "registration", "aria")
					.timer();
				Timer success = meters.find(DefaultAriaTokenRequestObservationConvention.NAME)
					.tags("outcome", "success", "error.code", "none", "status", "200", "registration", "aria")
					.timer();
				assertThat(failure).isNotNull().satisfies((timer) -> assertThat(timer.count()).isOne());
				assertThat(success).isNotNull().satisfies((timer) -> assertThat(timer.count()).isOne());
			});
		}
	}

	@Test
	void customConventionNamesTheObservation() {
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		DefaultAriaTokenRequestObservationConvention custom = new DefaultAriaTokenRequestObservationConvention() {
			@Override
			public String getName() {
				return "billing.tokens";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(AriaTokenRequestContext context) {
				return super.getLowCardinalityKeyValues(context).and("team", "billing");
			}
		};
		try (AriaTokenManager manager = manager().observationConvention(custom).build()) {
			manager.getToken();

			assertThat(awaitStopped("billing.tokens").getLowCardinalityKeyValue("team").getValue())
				.isEqualTo("billing");
		}
	}

	@Test
	void observationHandlerThatThrowsCannotBreakOrStallTokenHandling() {
		AtomicInteger calls = new AtomicInteger();
		ObservationRegistry broken = ObservationRegistry.create();
		broken.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStart(Observation.Context context) {
				calls.incrementAndGet();
				throw new IllegalStateException("tracer bug");
			}

			@Override
			public void onStop(Observation.Context context) {
				calls.incrementAndGet();
				throw new IllegalStateException("tracer bug");
			}
		});
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		try (AriaTokenManager manager = manager().observationRegistry(broken).build()) {
			assertThat(manager.getToken()).isNotNull();
			assertThat(calls).hasPositiveValue();
		}
	}

	private Observation.Context awaitStopped(String name) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			synchronized (this.stopped) {
				return this.stopped.stream()
					.filter((context) -> name.equals(context.getName()))
					.findFirst()
					.orElse(null);
			}
		}, (context) -> context != null);
	}

	private static List<KeyValue> keyValuesOf(Observation.Context context) {
		List<KeyValue> all = new ArrayList<>();
		context.getLowCardinalityKeyValues().forEach(all::add);
		context.getHighCardinalityKeyValues().forEach(all::add);
		return all;
	}

	private AriaTokenManager.Builder manager() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("aria")
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(this.server.url("/token").toString())
			.build();
		return AriaTokenManager.builder(registration).clock(this.clock).observationRegistry(this.registry);
	}

}
