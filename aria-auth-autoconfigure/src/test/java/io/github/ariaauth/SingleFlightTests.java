package io.github.ariaauth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleFlight}: one request at a time, shared by its waiters, settled
 * before anyone is told. Requests run on the test's thread ({@link ManualExecutor})
 * against an endpoint in memory, and waiters are answered on the thread that settles, so
 * most outcomes are complete when the call returns. Only the deadline is real time: a
 * short acquire timeout, and bounded waits well under PIT's 3 s timeout constant, so that
 * a mutant which loses a waiter fails the test instead of hanging it.
 */
class SingleFlightTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	private static final URI TOKEN_URI = URI.create("https://sso.example.com/realms/aria/token");

	private static final Duration LONG = Duration.ofSeconds(30);

	private static final Duration SHORT = Duration.ofMillis(50);

	// How long a waiter may take to hear of a deadline of SHORT.
	private static final Duration BOUND = Duration.ofSeconds(2);

	private final MutableClock clock = new MutableClock(START);

	private final ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint();

	private final ManualExecutor executor = new ManualExecutor();

	private final TokenSlot slot = new TokenSlot();

	private final TokenTiming timing = new TokenTiming(AriaTokenTimings.DEFAULTS, (bound) -> 0);

	private final FailureGate gate = new FailureGate("aria", this.timing);

	private final List<String> heard = new CopyOnWriteArrayList<>();

	private final TokenFailures failures = new TokenFailures(TOKEN_URI, LONG);

	@AfterEach
	void clearInterrupt() {
		// A failing test must not leave the next one interrupted.
		Thread.interrupted();
	}

	@Test
	void callersWhileARequestIsOpenShareItAndOneRequestIsSent() {
		SingleFlight flight = flight(this.executor, LONG);
		TokenSlot.Entry judged = this.slot.current();

		CompletableFuture<AriaAccessToken> first = flight.acquire(judged, now());
		CompletableFuture<AriaAccessToken> second = flight.acquire(judged, now());

		assertThat(second).isSameAs(first).isNotDone();
		assertThat(this.executor.queued()).isEqualTo(1);
		assertThat(flight.idle()).isFalse();
		this.endpoint.token(START, 3600);
		this.executor.runAll();
		assertThat(first).isCompleted();
		AriaAccessToken token = first.join();
		assertThat(this.slot.current().token()).isSameAs(token);
		assertThat(this.endpoint.requests()).isEqualTo(1);
		assertThat(flight.idle()).isTrue();
		assertThat(flight.acquire(judged, now())).as("a later caller with an old judgement")
			.isCompletedWithValue(token);
		assertThat(this.executor.queued()).isZero();
	}

	@Test
	void tokenCachedSinceTheCallerJudgedIsTheAnswerUntilItIsDueForRefresh() {
		SingleFlight flight = flight(this.executor, LONG);
		TokenSlot.Entry judged = this.slot.current();
		AriaAccessToken cached = token(3600);
		TokenTiming.Schedule schedule = this.timing.schedule(START, START.plusSeconds(3600));
		this.slot.offer(0, cached, schedule);

		this.clock.set(Instant.ofEpochMilli(schedule.refreshAt() - 1));
		assertThat(flight.acquire(judged, now())).isCompletedWithValue(cached);
		assertThat(this.executor.queued()).isZero();
		assertThat(flight.idle()).isTrue();

		this.clock.set(Instant.ofEpochMilli(schedule.refreshAt()));
		assertThat(flight.acquire(judged, now())).isNotDone();
		assertThat(this.executor.queued()).isEqualTo(1);
		assertThat(flight.acquire(this.slot.current(), now())).as("judged the current entry: waits for the request")
			.isNotDone();
		assertThat(this.executor.queued()).isEqualTo(1);
	}

	@Test
	void failureIsTheAnswerAtOnceUntilTheNextAttemptIsDue() {
		SingleFlight flight = flight(this.executor, LONG);
		this.endpoint.status(503, "{}");
		CompletableFuture<AriaAccessToken> first = flight.acquire(this.slot.current(), now());
		this.executor.runAll();
		AriaAuthException failure = failureOf(first);
		assertThat(failure.getHttpStatus()).isEqualTo(503);
		assertThat(this.gate.lastFailure()).isSameAs(failure);
		assertThat(this.gate.consecutiveFailures()).isEqualTo(1);

		assertThat(failureOf(flight.acquire(this.slot.current(), now()))).isSameAs(failure);
		assertThat(this.executor.queued()).isZero();

		// The first backoff is 1 s (no jitter).
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(flight.acquire(this.slot.current(), now())).isNotDone();
		assertThat(this.executor.queued()).isEqualTo(1);
	}

	@Test
	void requestNotStartedByTheDeadlineIsGivenUpAndSkipped() {
		SingleFlight flight = flight(this.executor, SHORT);

		CompletableFuture<AriaAccessToken> waiting = flight.acquire(this.slot.current(), now());

		assertThat(waiting).failsWithin(BOUND);
		assertThat(failureOf(waiting).getErrorCode()).isEqualTo(AriaAuthException.TIMEOUT);
		assertThat(this.gate.lastFailure()).isSameAs(failureOf(waiting));
		assertThat(flight.idle()).as("nobody waits for it any more").isTrue();
		this.executor.runAll();
		assertThat(this.endpoint.requests()).isZero();
		assertThat(this.heard).isEmpty();
	}

	@Test
	void afterTheDeadlineAndItsBackoffTheNextCallerWaitsForTheRequestStillRunningAndItsTokenEndsTheFailure() {
		// The next caller waits up to the acquire timeout too: long enough for the
		// answer to be read.
		SingleFlight flight = flight(this.executor, Duration.ofMillis(500));
		CompletableFuture<AriaAccessToken> first = flight.acquire(this.slot.current(), now());
		AtomicReference<CompletableFuture<AriaAccessToken>> second = new AtomicReference<>();
		AtomicBoolean idleWhileRunning = new AtomicBoolean(true);
		this.endpoint.then(() -> {
			// What a script asserts would only fail the request: checked below.
			waitQuietly(first);
			idleWhileRunning.set(flight.idle());
			this.clock.advance(Duration.ofSeconds(1));
			second.set(flight.acquire(this.slot.current(), now()));
			return second.get().isDone() ? ScriptedTokenEndpoint.answer(500, "{}")
					: ScriptedTokenEndpoint.tokenAnswer(START, 3600);
		});

		this.executor.runAll();

		assertThat(failureOf(first).getErrorCode()).isEqualTo(AriaAuthException.TIMEOUT);
		assertThat(idleWhileRunning).isFalse();
		assertThat(second.get()).isCompleted();
		assertThat(this.slot.current().token()).isSameAs(second.get().join());
		assertThat(this.gate.lastFailure()).as("a token, even late, ends the failure").isNull();
		assertThat(this.executor.queued()).isZero();
		assertThat(this.endpoint.requests()).isEqualTo(1);
	}

	@Test
	void nextCallerWaitingForTheRequestStillRunningIsGivenUpAtItsOwnDeadline() {
		SingleFlight flight = flight(this.executor, Duration.ofMillis(200));
		CompletableFuture<AriaAccessToken> first = flight.acquire(this.slot.current(), now());
		AtomicReference<CompletableFuture<AriaAccessToken>> second = new AtomicReference<>();
		this.endpoint.then(() -> {
			waitQuietly(first);
			this.clock.advance(Duration.ofSeconds(1));
			second.set(flight.acquire(this.slot.current(), now()));
			// The endpoint hangs past the second caller's deadline too.
			waitQuietly(second.get());
			return ScriptedTokenEndpoint.tokenAnswer(START, 3600);
		});

		this.executor.runAll();

		assertThat(failureOf(first).getErrorCode()).isEqualTo(AriaAuthException.TIMEOUT);
		assertThat(second.get()).isNotSameAs(first);
		assertThat(failureOf(second.get()).getErrorCode()).isEqualTo(AriaAuthException.TIMEOUT);
		assertThat(this.endpoint.requests()).isEqualTo(1);
		assertThat(this.slot.current().token()).as("the late token is cached all the same").isNotNull();
	}

	@Test
	void deadlineCountsFromWhenTheRequestStartsNotFromWhenItWasQueued() throws Exception {
		Duration acquireTimeout = Duration.ofMillis(500);
		// An executor that starts the request 300 ms late.
		SingleFlight flight = flight(CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS), acquireTimeout);
		AtomicLong startedNanos = new AtomicLong();
		CountDownLatch answered = new CountDownLatch(1);
		CompletableFuture<AriaAccessToken> first = flight.acquire(this.slot.current(), now());
		CompletableFuture<Long> failedNanos = first.handle((token, ex) -> System.nanoTime());
		this.endpoint.then(() -> {
			startedNanos.set(System.nanoTime());
			waitQuietly(first);
			answered.countDown();
			return ScriptedTokenEndpoint.tokenAnswer(START, 3600);
		});

		assertThat(answered.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

		assertThat(failureOf(first).getErrorCode()).isEqualTo(AriaAuthException.TIMEOUT);
		// Only ever later on a slow machine: the deadline is the acquire timeout after
		// the start, give or take the moment between the start and this script.
		assertThat(Duration.ofNanos(failedNanos.get() - startedNanos.get()))
			.isGreaterThanOrEqualTo(acquireTimeout.minusMillis(50));
	}

	@Test
	void requestWithNewCredentialsTellsTheListenersOnce() {
		AriaClientCredentialsProvider provider = (registrationId) -> AriaClientCredentials.clientSecret("rotated");
		SingleFlight flight = flight(this.executor, LONG, provider);
		this.endpoint.token(START, 3600);
		this.endpoint.status(503, "{}");

		flight.acquire(this.slot.current(), now());
		this.executor.runAll();
		flight.refresh(this.slot.current());
		this.executor.runAll();

		assertThat(this.heard).containsExactly("credentials changed", "fetched in 0", "failed (503) in 0");
	}

	@Test
	void failureArrivingAfterTheDeadlineCountsOnce() {
		SingleFlight flight = flight(this.executor, SHORT);
		CompletableFuture<AriaAccessToken> first = flight.acquire(this.slot.current(), now());
		this.endpoint.then(() -> {
			waitQuietly(first);
			return ScriptedTokenEndpoint.answer(503, "{}");
		});

		this.executor.runAll();

		assertThat(failureOf(first).getErrorCode()).isEqualTo(AriaAuthException.TIMEOUT);
		assertThat(this.gate.consecutiveFailures()).isEqualTo(1);
		assertThat(this.gate.lastFailure().getErrorCode()).isEqualTo(AriaAuthException.TIMEOUT);
		assertThat(flight.idle()).isTrue();
	}

	@Test
	void taskTheExecutorRefusesFailsItsCallerAsRejectedAndCounts() {
		SingleFlight flight = flight((task) -> {
			throw new RejectedExecutionException("full");
		}, LONG);

		AriaAuthException failure = failureOf(flight.acquire(this.slot.current(), now()));

		assertThat(failure.getErrorCode()).isEqualTo(AriaAuthException.REJECTED);
		assertThat(this.gate.lastFailure()).isSameAs(failure);
		assertThat(flight.idle()).isTrue();
	}

	@Test
	void closeAnswersWaitersWithClosedAndNothingStartsOrRunsAfterwards() {
		SingleFlight flight = flight(this.executor, LONG);
		CompletableFuture<AriaAccessToken> waiting = flight.acquire(this.slot.current(), now());

		flight.close();

		assertThat(failureOf(waiting).getErrorCode()).isEqualTo(AriaAuthException.CLOSED);
		assertThat(flight.idle()).isTrue();
		assertThat(failureOf(flight.acquire(this.slot.current(), now())).getErrorCode())
			.isEqualTo(AriaAuthException.CLOSED);
		flight.refresh(this.slot.current());
		this.executor.runAll();
		assertThat(this.endpoint.requests()).isZero();
		assertThat(this.heard).isEmpty();
	}

	@Test
	void closeInterruptsTheRequestInFlightDropsItsTokenAndLeavesTheThreadUninterrupted() {
		SingleFlight flight = flight(this.executor, LONG);
		CompletableFuture<AriaAccessToken> waiting = flight.acquire(this.slot.current(), now());
		// What a script asserts would only fail the request: checked below.
		AtomicBoolean interrupted = new AtomicBoolean();
		this.endpoint.then(() -> {
			flight.close();
			interrupted.set(Thread.currentThread().isInterrupted());
			return ScriptedTokenEndpoint.tokenAnswer(START, 3600);
		});

		this.executor.runAll();

		assertThat(interrupted).as("the request was interrupted").isTrue();
		assertThat(Thread.interrupted()).as("the thread is not left interrupted").isFalse();
		assertThat(failureOf(waiting).getErrorCode()).isEqualTo(AriaAuthException.CLOSED);
		assertThat(this.slot.current().token()).isNull();
		assertThat(this.heard).as("nobody is told of a request cut by the close").isEmpty();
	}

	@Test
	void resetAnswersWaitersWithResetAndIgnoresTheOutcomeOfTheRequestBefore() {
		SingleFlight flight = flight(this.executor, LONG);
		CompletableFuture<AriaAccessToken> waiting = flight.acquire(this.slot.current(), now());
		AtomicReference<CompletableFuture<AriaAccessToken>> afterReset = new AtomicReference<>();
		AtomicBoolean idleAfterReset = new AtomicBoolean();
		this.endpoint.then(() -> {
			this.slot.reset();
			flight.reset();
			idleAfterReset.set(flight.idle());
			afterReset.set(flight.acquire(this.slot.current(), now()));
			return ScriptedTokenEndpoint.answer(503, "{}");
		});
		this.endpoint.token(START, 3600);

		this.executor.runAll();

		assertThat(failureOf(waiting).getErrorCode()).isEqualTo(AriaAuthException.RESET);
		assertThat(idleAfterReset).isTrue();
		assertThat(this.gate.lastFailure()).as("neither the reset nor the old request's failure counts").isNull();
		assertThat(this.endpoint.requests()).isEqualTo(2);
		assertThat(afterReset.get()).as("a new request of its own").isCompleted();
		assertThat(this.slot.current().token()).isSameAs(afterReset.get().join());
	}

	@Test
	void tokenOfTheGenerationBeforeAResetIsNotCached() {
		SingleFlight flight = flight(this.executor, LONG);
		flight.acquire(this.slot.current(), now());
		this.endpoint.then(() -> {
			this.slot.reset();
			flight.reset();
			return ScriptedTokenEndpoint.tokenAnswer(START, 3600);
		});

		this.executor.runAll();

		assertThat(this.slot.current().token()).isNull();
		assertThat(this.slot.current().generation()).isEqualTo(1);
	}

	@Test
	void listenersHearOfEachOutcomeWithTheRequestsDurationOnTheClock() {
		SingleFlight flight = flight(this.executor, LONG);
		this.endpoint.then(() -> {
			this.clock.advance(Duration.ofMillis(250));
			return ScriptedTokenEndpoint.tokenAnswer(START, 3600);
		});
		this.endpoint.then(() -> {
			this.clock.advance(Duration.ofMillis(40));
			return ScriptedTokenEndpoint.answer(503, "{}");
		});

		flight.acquire(this.slot.current(), now());
		this.executor.runAll();
		flight.refresh(this.slot.current());
		this.executor.runAll();

		assertThat(this.heard).containsExactly("fetched in 250", "failed (503) in 40");
	}

	@Test
	void backgroundRefreshCachesItsTokenWithoutAWaiter() {
		SingleFlight flight = flight(this.executor, LONG);
		this.endpoint.token(START, 3600);

		flight.refresh(this.slot.current());
		assertThat(flight.idle()).isFalse();
		this.executor.runAll();

		assertThat(this.slot.current().token()).isNotNull();
		assertThat(flight.idle()).isTrue();
	}

	private SingleFlight flight(Executor executor, Duration acquireTimeout) {
		return flight(executor, acquireTimeout, null);
	}

	private SingleFlight flight(Executor executor, Duration acquireTimeout,
			@Nullable AriaClientCredentialsProvider provider) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("aria")
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(TOKEN_URI.toString())
			.build();
		TokenEndpointClient client = new TokenEndpointClient(registration, this.endpoint, this.clock,
				Duration.ofMinutes(5), ObservationRegistry.NOOP);
		TokenRequester requester = new TokenRequester(client,
				new TokenRequestObservations(ObservationRegistry.NOOP, null, "aria", TOKEN_URI), this.failures,
				new TokenCredentials(registration, provider));
		AriaTokenListener recording = new AriaTokenListener() {
			@Override
			public void tokenFetched(AriaAccessToken token, Duration duration) {
				SingleFlightTests.this.heard.add("fetched in " + duration.toMillis());
			}

			@Override
			public void credentialsChanged() {
				SingleFlightTests.this.heard.add("credentials changed");
			}

			@Override
			public void tokenFetchFailed(AriaAuthException failure, Duration duration) {
				SingleFlightTests.this.heard.add("failed (" + failure.getHttpStatus() + ") in " + duration.toMillis());
			}
		};
		return new SingleFlight(this.slot, this.gate, this.timing, requester, new TokenListeners(List.of(recording)),
				this.failures, executor, Runnable::run, this.clock, acquireTimeout, "aria");
	}

	private static void waitQuietly(CompletableFuture<AriaAccessToken> future) {
		try {
			future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			// Its outcome is asserted by the test.
		}
	}

	private long now() {
		return this.clock.millis();
	}

	private static AriaAccessToken token(long expiresIn) {
		return new AriaAccessToken("cached", START, START.plusSeconds(expiresIn), java.util.Set.of(),
				AriaTokenClaims.NONE);
	}

	private static AriaAuthException failureOf(CompletableFuture<AriaAccessToken> future) {
		assertThat(future).isCompletedExceptionally();
		try {
			future.get(0, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			return (AriaAuthException) ex.getCause();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
		throw new AssertionError("completed normally");
	}

}
