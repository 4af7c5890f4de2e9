package io.github.ariaauth.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.MutableClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three simulated hours of five-minute tokens with 16 threads and 200 reactive
 * subscribers asking all the time, while every fifth token request fails: nobody sees an
 * error, the endpoint is asked about once per lifetime, and the token path's threads do
 * not grow.
 */
// Left out of mutation testing (parent pom, profile pitest): it runs many callers over
// many token lifetimes.
@Tag("slow")
class AriaTokenManagerSoakTests {

	private static final Duration LIFETIME = Duration.ofMinutes(5);

	private static final Duration PERIOD = Duration.ofHours(3);

	private static final Duration STEP = Duration.ofSeconds(20);

	private static final int THREADS = 16;

	private static final int CALLS_PER_THREAD = 5;

	private static final int SUBSCRIBERS = 200;

	@Test
	void manyCallersOverManyLifetimesWithAFailingEndpointSeeNoErrorAndCauseNoStorm() throws Exception {
		MutableClock clock = FaultMatrix.clock();
		List<Throwable> callerErrors = Collections.synchronizedList(new ArrayList<>());
		AtomicLong calls = new AtomicLong();
		AttemptRecorder attempts = new AttemptRecorder(clock);
		try (TokenServer server = new TokenServer(clock); QuiescentExecutor fetches = new QuiescentExecutor()) {
			server.lifetime(LIFETIME);
			AtomicInteger answered = new AtomicInteger();
			server.answer((s) -> (answered.incrementAndGet() % 5 == 0)
					? FaultMatrix.oauthError(503, "temporarily_unavailable") : s.good());
			try (AriaTokenManager manager = AriaTokenManager.builder(FaultMatrix.registration(server.tokenUri()))
				.clock(clock)
				.executor(fetches)
				.requestFactory(FaultMatrix.requestFactory())
				.backoff(FaultMatrix.INITIAL_BACKOFF, FaultMatrix.MAX_BACKOFF)
				.listener(attempts)
				.build()) {
				manager.getToken();
				int steps = (int) PERIOD.dividedBy(STEP);
				// Callers and the clock move in lock step: each simulated step, every
				// thread makes a few calls
				// and the subscribers ask once; then the fetch started meanwhile, if any,
				// is let finish.
				Phaser phaser = new Phaser(THREADS + 1);
				ExecutorService callers = Executors.newFixedThreadPool(THREADS);
				for (int i = 0; i < THREADS; i++) {
					callers.execute(() -> {
						for (int step = 0; step < steps; step++) {
							phaser.arriveAndAwaitAdvance();
							for (int call = 0; call < CALLS_PER_THREAD; call++) {
								call(manager, callerErrors);
								calls.incrementAndGet();
							}
							phaser.arriveAndAwaitAdvance();
						}
					});
				}
				long tokenPathThreadsOnceWarm = Long.MAX_VALUE;
				long mostTokenPathThreads = 0;
				for (int step = 0; step < steps; step++) {
					if (step == steps / 10) {
						tokenPathThreadsOnceWarm = tokenPathThreads();
					}
					else if (step > steps / 10) {
						mostTokenPathThreads = Math.max(mostTokenPathThreads, tokenPathThreads());
					}
					clock.advance(STEP);
					phaser.arriveAndAwaitAdvance();
					long answeredAll = Flux.range(0, SUBSCRIBERS)
						.flatMap((i) -> manager.getTokenMono()
							.map(AriaAccessToken::tokenValue)
							.doOnError(callerErrors::add)
							.onErrorComplete(), SUBSCRIBERS)
						.count()
						.block(Duration.ofSeconds(60));
					calls.addAndGet(answeredAll);
					phaser.arriveAndAwaitAdvance();
					fetches.awaitQuiescence();
				}
				// The token path's own threads (the fetch thread, its HTTP client's
				// selector and workers) are started
				// once warm; the JDK client's worker pool may replace an idle worker, but
				// nothing accumulates.
				assertThat(mostTokenPathThreads).isLessThanOrEqualTo(tokenPathThreadsOnceWarm + 2);
				callers.shutdown();
				assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			}
			long lifetimes = PERIOD.dividedBy(LIFETIME);
			// A five-minute token is refreshed 2.5 to 3.5 minutes after it was fetched
			// (window capped at half the
			// lifetime, jittered over its first half), so between 1.4 and 2 fetches per
			// lifetime.
			assertThat(attempts.successes()).hasSizeBetween((int) lifetimes, (int) (lifetimes * 2) + 1);
			assertThat(server.requests()).isEqualTo(attempts.attempts())
				.isLessThanOrEqualTo((int) (attempts.successes().size() * 1.25) + 2);
		}
		assertThat(callerErrors).isEmpty();
		assertThat(calls.get()).isEqualTo(PERIOD.dividedBy(STEP) * (SUBSCRIBERS + THREADS * CALLS_PER_THREAD));
	}

	private static long tokenPathThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive()
					&& (thread.getName().startsWith("HttpClient-") || thread.getName().startsWith("soak-fetch")))
			.count();
	}

	private static void call(AriaTokenManager manager, List<Throwable> errors) {
		try {
			manager.getToken();
		}
		catch (RuntimeException ex) {
			errors.add(ex);
		}
	}

	/**
	 * Runs token fetches on one thread and lets the test wait until none is pending, so
	 * simulated time only moves on once the fetch started at the current moment is over.
	 */
	private static final class QuiescentExecutor implements java.util.concurrent.Executor, AutoCloseable {

		private final ExecutorService delegate = Executors
			.newSingleThreadExecutor((task) -> new Thread(task, "soak-fetch"));

		private final AtomicInteger pending = new AtomicInteger();

		private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());

		@Override
		public void execute(Runnable task) {
			this.pending.incrementAndGet();
			this.delegate.execute(() -> {
				try {
					task.run();
				}
				catch (Throwable ex) {
					this.failures.add(ex);
				}
				finally {
					this.pending.decrementAndGet();
				}
			});
		}

		void awaitQuiescence() {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.pending.get() > 0) {
				assertThat(System.nanoTime()).as("fetch finished").isLessThan(deadline);
				LockSupport.parkNanos(50_000);
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.delegate.shutdown();
			assertThat(this.delegate.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			assertThat(this.failures).isEmpty();
		}

	}

}
