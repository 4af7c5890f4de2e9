package io.github.ariaauth.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.ManualExecutor;
import io.github.ariaauth.TestTokens;
import io.github.ariaauth.TokenStateReset;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The life of one token request as callers see it: on which thread they hear back, what a
 * late answer, a refused task, a slow endpoint, a close or a reset do to them and to the
 * core's state. Real time where a real timeout is the subject.
 */
class TokenRequestLifecycleTests {

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger maxOpen = new AtomicInteger();

	private volatile long answerDelayMillis;

	@StartStop
	private final MockWebServer server = new MockWebServer();

	TokenRequestLifecycleTests() {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				TokenRequestLifecycleTests test = TokenRequestLifecycleTests.this;
				test.maxOpen.accumulateAndGet(test.open.incrementAndGet(), Math::max);
				try {
					Thread.sleep(test.answerDelayMillis);
					Instant now = Instant.now();
					return TestTokens.tokenResponse(TestTokens.jwt(now, now.plusSeconds(3600)), 3600);
				}
				finally {
					test.open.decrementAndGet();
				}
			}
		});
	}

	@Test
	void asyncCallersContinueNeitherOnTheFetchThreadNorOnTheJvmTimerThread() throws Exception {
		this.answerDelayMillis = 200;
		try (AriaTokenManager manager = manager().build()) {
			AtomicReference<String> future = new AtomicReference<>();
			AtomicReference<String> mono = new AtomicReference<>();
			CompletableFuture<Void> futureDone = manager.getTokenAsync()
				.thenAccept((token) -> future.set(Thread.currentThread().getName()));
			String monoThread = manager.getTokenMono()
				.map((token) -> Thread.currentThread().getName())
				.block(Duration.ofSeconds(60));
			futureDone.get(10, TimeUnit.SECONDS);
			mono.set(monoThread);

			assertThat(future.get()).doesNotStartWith("aria-auth-token");
			assertThat(mono.get()).doesNotStartWith("aria-auth-token");
		}
		this.answerDelayMillis = 2_000;
		try (AriaTokenManager manager = manager().acquireTimeout(Duration.ofMillis(200)).build()) {
			AtomicReference<String> timedOut = new AtomicReference<>();
			manager.getTokenAsync().exceptionally((ex) -> {
				timedOut.set(Thread.currentThread().getName());
				return null;
			}).get(10, TimeUnit.SECONDS);

			assertThat(timedOut.get()).doesNotStartWith("aria-auth-token")
				.doesNotContain("CompletableFutureDelayScheduler");
		}
	}

	@Test
	void tokenThatArrivesAfterTheDeadlineEndsTheFailureAndItsBackoff() {
		this.answerDelayMillis = 600;
		try (AriaTokenManager manager = manager().acquireTimeout(Duration.ofMillis(200)).build()) {
			AriaAuthException timedOut = catchThrowableOfType(AriaAuthException.class, manager::getToken);
			assertThat(timedOut.getErrorCode()).isEqualTo(AriaAuthException.TIMEOUT);

			await().atMost(Duration.ofSeconds(10)).until(() -> manager.getCachedToken().isPresent());
			assertThat(manager.getLastFailure()).as("health's error once the late token is cached").isEmpty();
			assertThat(manager.getToken()).isSameAs(manager.getCachedToken().orElseThrow());
			assertThat(this.server.getRequestCount()).isEqualTo(1);
		}
	}

	@Test
	void deadlineCountsFromWhenTheRequestStartsNotFromWhileItWaitedForAThread() {
		this.answerDelayMillis = 300;
		// An executor whose threads are busy: the request starts 400 ms after it was
		// handed over, and its answer takes 300 ms more.
		Executor busy = (task) -> new Thread(() -> {
			try {
				Thread.sleep(400);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			task.run();
		}).start();
		try (CapturedLogs logs = CapturedLogs.at(Level.INFO);
				AriaTokenManager manager = manager().executor(busy).acquireTimeout(Duration.ofMillis(600)).build()) {
			AriaAuthException callerGaveUp = catchThrowableOfType(AriaAuthException.class, manager::getToken);
			assertThat(callerGaveUp.getErrorCode()).as("the caller's own wait").isEqualTo(AriaAuthException.TIMEOUT);

			await().atMost(Duration.ofSeconds(10)).until(() -> manager.getCachedToken().isPresent());
			assertThat(logs.messages(AriaTokenManager.class, Level.WARN)).as("the request was not timed out").isEmpty();
			assertThat(manager.getLastFailure()).isEmpty();
			assertThat(this.server.getRequestCount()).isEqualTo(1);
		}
	}

	@Test
	void taskTheExecutorRefusesIsReportedAsRejectedNotAsShutdown() {
		try (AriaTokenManager manager = manager().executor((task) -> {
			throw new RejectedExecutionException("full");
		}).build()) {
			AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, manager::getToken);

			assertThat(failure.getErrorCode()).isEqualTo(AriaAuthException.REJECTED);
			assertThat(failure.getHint()).doesNotContain("stopping");
			assertThat(manager.getLastFailure().orElseThrow().getErrorCode()).isEqualTo(AriaAuthException.REJECTED);
		}
	}

	@Test
	void acquireTimeoutShorterThanTheRequestNeverOpensASecondRequest() throws Exception {
		this.answerDelayMillis = 700;
		try (AriaTokenManager manager = manager().acquireTimeout(Duration.ofMillis(150))
			.backoff(Duration.ofMillis(20), Duration.ofMillis(40))
			.maxBackoffWithoutToken(Duration.ofMillis(20))
			.build()) {
			AtomicBoolean stop = new AtomicBoolean();
			AtomicInteger tokens = new AtomicInteger();
			Thread[] callers = new Thread[4];
			for (int i = 0; i < callers.length; i++) {
				callers[i] = new Thread(() -> {
					while (!stop.get()) {
						try {
							manager.getToken();
							tokens.incrementAndGet();
						}
						catch (AriaAuthException expected) {
							// Timed out: the request takes longer than the acquire
							// timeout.
						}
					}
				});
				callers[i].start();
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> tokens.get() > 0);
			stop.set(true);
			for (Thread caller : callers) {
				caller.join(10_000);
			}

			assertThat(this.maxOpen.get()).as("token requests open at once").isEqualTo(1);
			assertThat(this.server.getRequestCount()).isEqualTo(1);
		}
	}

	@Test
	void closingMidFetchStopsTheObservationOfTheRequest() throws Exception {
		this.answerDelayMillis = 5_000;
		AtomicInteger started = new AtomicInteger();
		AtomicInteger stopped = new AtomicInteger();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
			@Override
			public void onStart(Observation.Context context) {
				if (context.getName().equals("aria.auth.token.requests")) {
					started.incrementAndGet();
				}
			}

			@Override
			public void onStop(Observation.Context context) {
				if (context.getName().equals("aria.auth.token.requests")) {
					stopped.incrementAndGet();
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
		AriaTokenManager manager = manager().observationRegistry(registry).build();
		CompletableFuture<AriaAccessToken> waiting = manager.getTokenAsync();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.open.get() == 1);

		manager.close();

		assertThat(catchThrowableOfType(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS)))
			.hasCauseInstanceOf(AriaAuthException.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> stopped.get() == 1);
		assertThat(started.get()).isEqualTo(1);
	}

	@Test
	void observedRequestThatFailsOnItsOwnIsSentOnceAndObservationStaysOn() {
		AtomicInteger requests = new AtomicInteger();
		AtomicInteger observed = new AtomicInteger();
		ClientHttpRequestFactory broken = (uri, method) -> {
			requests.incrementAndGet();
			throw new IllegalStateException("not an observation handler");
		};
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
			@Override
			public void onStart(Observation.Context context) {
				if (context.getName().equals("aria.auth.token.requests")) {
					observed.incrementAndGet();
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
		try (AriaTokenManager manager = manager().requestFactory(broken)
			.observationRegistry(registry)
			.maxBackoffWithoutToken(Duration.ofMillis(1))
			.backoff(Duration.ofMillis(1), Duration.ofMillis(1))
			.build()) {
			AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, manager::getToken);
			assertThat(failure.getErrorCode()).isEqualTo(AriaAuthException.UNEXPECTED_ERROR);
			assertThat(requests.get()).as("sent once").isEqualTo(1);

			await().atMost(Duration.ofSeconds(30))
				.until(() -> catchThrowableOfType(AriaAuthException.class, manager::getToken) != null
						&& requests.get() >= 2);
			assertThat(observed.get()).as("the second request is observed too").isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void callerWhoseFetchIsCutByAResetIsToldOfTheResetNotOfAShutdown() {
		ManualExecutor queued = new ManualExecutor();
		try (AriaTokenManager manager = manager().executor(queued).build()) {
			CompletableFuture<AriaAccessToken> waiting = manager.getTokenAsync();

			TokenStateReset.reset(manager);

			ExecutionException failure = catchThrowableOfType(ExecutionException.class,
					() -> waiting.get(10, TimeUnit.SECONDS));
			AriaAuthException reset = (AriaAuthException) failure.getCause();
			assertThat(reset.getErrorCode()).isEqualTo(AriaAuthException.RESET);
			assertThat(reset.getHint()).doesNotContain("stopping");
			queued.runAll();
			assertThat(this.server.getRequestCount()).as("the cut request is skipped").isZero();
			CompletableFuture<AriaAccessToken> next = manager.getTokenAsync();
			queued.runAll();
			assertThat(next).succeedsWithin(Duration.ofSeconds(10));
		}
	}

	@Test
	void resetRacingWithTheEndOfAFetchNeverLeavesThePreviousTokenCached() throws Exception {
		for (int round = 0; round < 200; round++) {
			AtomicReference<AriaAccessToken> before = new AtomicReference<>();
			ManualExecutor queued = new ManualExecutor();
			try (AriaTokenManager manager = manager().executor(queued).build()) {
				CompletableFuture<AriaAccessToken> waiting = manager.getTokenAsync();
				Thread fetch = new Thread(queued::runAll);
				Thread reset = new Thread(() -> TokenStateReset.reset(manager));
				fetch.start();
				reset.start();
				fetch.join();
				reset.join();
				try {
					before.set(waiting.get(10, TimeUnit.SECONDS));
				}
				catch (ExecutionException cutByTheReset) {
					// Either way, what counts is what is cached now.
				}
				AriaAccessToken cached = manager.getCachedToken().orElse(null);
				assertThat(cached).as("round " + round + ": a token of the previous generation is cached").isNull();
			}
		}
	}

	private AriaTokenManager.Builder manager() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("aria")
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(this.server.url("/token").toString())
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
		requestFactory.setReadTimeout(Duration.ofSeconds(10));
		return AriaTokenManager.builder(registration).requestFactory(requestFactory);
	}

}
