package io.github.ariaauth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link CallerFutures}: callers hear back on the completion executor, each
 * with a future and an exception of its own.
 */
class CallerFuturesTests {

	private static final AriaAccessToken TOKEN = new AriaAccessToken("t", Instant.EPOCH, Instant.EPOCH.plusSeconds(60),
			Set.of(), AriaTokenClaims.NONE);

	// How long a hand-over to the idle completion thread may take: under PIT's 3 s
	// timeout constant, so that a mutant that loses the caller fails the test.
	private static final long BOUND_MILLIS = 2_000;

	private final ExecutorService completion = Executors
		.newSingleThreadExecutor((task) -> new Thread(task, "completion"));

	@AfterEach
	void close() {
		this.completion.shutdownNow();
	}

	@Test
	void tokenArrivingLaterIsHandedOverOnTheCompletionExecutor() throws Exception {
		CompletableFuture<AriaAccessToken> shared = new CompletableFuture<>();
		CompletableFuture<AriaAccessToken> caller = callers(10_000).forCaller(shared);
		AtomicReference<String> thread = new AtomicReference<>();
		CompletableFuture<Void> continued = caller.thenAccept((token) -> thread.set(Thread.currentThread().getName()));

		shared.complete(TOKEN);

		continued.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
		assertThat(caller.get()).isSameAs(TOKEN);
		assertThat(thread.get()).isEqualTo("completion");
	}

	@Test
	void timeoutIsReportedOnTheCompletionExecutor() throws Exception {
		CompletableFuture<AriaAccessToken> caller = callers(50).forCaller(new CompletableFuture<>());
		AtomicReference<String> thread = new AtomicReference<>();

		Throwable failure = caller.handle((token, ex) -> {
			thread.set(Thread.currentThread().getName());
			return ex;
		}).get(BOUND_MILLIS, TimeUnit.MILLISECONDS);

		assertThat(failure).isInstanceOf(AriaAuthException.class).hasMessageContaining("acquire");
		assertThat(thread.get()).isEqualTo("completion");
	}

	@Test
	void eachCallerGetsAFutureAndAnExceptionOfItsOwn() {
		AriaAuthException shared = new AriaAuthException(URI.create("https://sso.example.com/token"), 503, null, "down",
				"hint", null, null);
		CallerFutures callers = callers(10_000);

		CompletableFuture<AriaAccessToken> pending = new CompletableFuture<>();
		CompletableFuture<AriaAccessToken> first = callers.forCaller(pending);
		CompletableFuture<AriaAccessToken> second = callers.forCaller(pending);
		CompletableFuture<AriaAccessToken> third = callers.forCaller(pending);
		first.cancel(false);
		pending.completeExceptionally(shared);

		assertThat(first).isCancelled();
		Throwable secondFailure = catchThrowableOfType(ExecutionException.class,
				() -> second.get(BOUND_MILLIS, TimeUnit.MILLISECONDS))
			.getCause();
		Throwable thirdFailure = catchThrowableOfType(ExecutionException.class,
				() -> third.get(BOUND_MILLIS, TimeUnit.MILLISECONDS))
			.getCause();
		assertThat(secondFailure).isInstanceOf(AriaAuthException.class).isNotSameAs(shared).hasCause(shared);
		assertThat(thirdFailure).isNotSameAs(secondFailure).hasCause(shared);
		assertThat(callers.forCaller(CompletableFuture.failedFuture(shared))).as("answered already")
			.isCompletedExceptionally();
	}

	@Test
	void callerHearsBackEvenWhenTheCompletionExecutorRefuses() throws Exception {
		CallerFutures callers = new CallerFutures((task) -> {
			throw new RejectedExecutionException();
		}, 10_000, () -> new AriaAuthException(URI.create("https://sso.example.com/token"), null,
				AriaAuthException.TIMEOUT, "timeout", "hint", null, null));
		CompletableFuture<AriaAccessToken> shared = new CompletableFuture<>();
		CompletableFuture<AriaAccessToken> caller = callers.forCaller(shared);

		shared.complete(TOKEN);

		assertThat(caller.get(BOUND_MILLIS, TimeUnit.MILLISECONDS)).isSameAs(TOKEN);
	}

	@Test
	void waitingCallerGetsTheTokenOrAFailureOfItsOwn() {
		CallerFutures callers = callers(10_000);
		TokenFailures failures = new TokenFailures(URI.create("https://sso.example.com/token"), Duration.ofSeconds(10));
		AriaAuthException shared = failures.closed();

		assertThat(callers.await(CompletableFuture.completedFuture(TOKEN), failures)).isSameAs(TOKEN);
		AriaAuthException own = catchThrowableOfType(AriaAuthException.class,
				() -> callers.await(CompletableFuture.failedFuture(shared), failures));
		assertThat(own).isNotSameAs(shared).hasCause(shared);
		assertThat(own.getErrorCode()).isEqualTo(AriaAuthException.CLOSED);
		AriaAuthException unexpected = catchThrowableOfType(AriaAuthException.class,
				() -> callers.await(CompletableFuture.failedFuture(new IllegalStateException("bug")), failures));
		assertThat(unexpected.getErrorCode()).isEqualTo(AriaAuthException.UNEXPECTED_ERROR);
	}

	@Test
	void waitingCallerGivesUpAfterTheTimeout() {
		AriaAuthException timeout = catchThrowableOfType(AriaAuthException.class,
				() -> callers(20).await(new CompletableFuture<>(),
						new TokenFailures(URI.create("https://sso.example.com/token"), Duration.ofSeconds(10))));

		assertThat(timeout.getErrorCode()).isEqualTo(AriaAuthException.TIMEOUT);
	}

	@Test
	void interruptedCallerIsToldAndKeepsItsInterrupt() {
		Thread.currentThread().interrupt();
		try {
			AriaAuthException interrupted = catchThrowableOfType(AriaAuthException.class,
					() -> callers(10_000).await(new CompletableFuture<>(),
							new TokenFailures(URI.create("https://sso.example.com/token"), Duration.ofSeconds(10))));

			assertThat(interrupted.getErrorCode()).isEqualTo(AriaAuthException.INTERRUPTED);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void callerOfAnAnsweredFutureIsAnsweredOnItsOwnThread() {
		CallerFutures callers = new CallerFutures((task) -> {
			throw new AssertionError("no completion executor needed");
		}, 10_000, () -> new AriaAuthException(URI.create("https://sso.example.com/token"), null,
				AriaAuthException.TIMEOUT, "timeout", "hint", null, null));

		assertThat(callers.forCaller(CompletableFuture.completedFuture(TOKEN))).isCompletedWithValue(TOKEN);
	}

	@Test
	void sharedFailureWrappedByTheFutureIsUnwrappedForTheCaller() {
		AriaAuthException shared = new AriaAuthException(URI.create("https://sso.example.com/token"), 503, null, "down",
				"hint", null, null);
		IllegalStateException other = new IllegalStateException();

		assertThat(CallerFutures.forCaller(new CompletionException(shared))).isInstanceOf(AriaAuthException.class)
			.isNotSameAs(shared)
			.hasCause(shared);
		assertThat(CallerFutures.forCaller(new CompletionException(other))).isSameAs(other);
		assertThat(CallerFutures.forCaller(other)).isSameAs(other);
		CompletionException bare = new CompletionException("no cause", null);
		assertThat(CallerFutures.forCaller(bare)).isSameAs(bare);
	}

	private CallerFutures callers(long timeoutMillis) {
		return new CallerFutures(this.completion, timeoutMillis,
				() -> new AriaAuthException(URI.create("https://sso.example.com/token"), null,
						AriaAuthException.TIMEOUT, "no token within the acquire timeout", "hint", null, null));
	}

}
