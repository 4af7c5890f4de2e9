package io.github.ariaauth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * At most one token request per registration, and everyone waiting for it.
 * <p>
 * A request stays the registration's only one until its HTTP call ends, also after its
 * waiters were given up on at the deadline: callers that come later wait for that same
 * request instead of starting another, so a hanging endpoint holds at most one thread and
 * one connection of this registration, whatever the timeouts. The deadline (the acquire
 * timeout) counts from when the request starts, not from when it was handed to the
 * executor; a request the executor has not started by then is given up and skipped when
 * it does start, since nobody waits for it any more. The outcome is applied to the cache
 * and the failure gate first, then the waiters are answered, and only then are the
 * observation and the listeners told (whatever they do, the core is settled).
 * <p>
 * The request itself blocks a thread: it is Spring Security's client-credentials client
 * (request conversion, client authentication, error parsing, the HTTP call observed as
 * the request's child) over a {@code RestClient}, which has no non-blocking form outside
 * WebFlux. A non-blocking {@code sendAsync} would need no thread while the endpoint
 * hangs, but only by doing that protocol work here. Instead the thread is made cheap to
 * hold: the executor hands each request a thread at once (no queue in front of a healthy
 * registration), and one open request per registration bounds those threads by the number
 * of registrations, each held at most for the connect and read timeouts.
 */
final class SingleFlight {

	private static final Log logger = LogFactory.getLog(AriaTokenManager.class);

	private final TokenSlot slot;

	private final FailureGate gate;

	private final TokenTiming timing;

	private final TokenRequester requester;

	private final TokenListeners listeners;

	private final TokenFailures failures;

	private final Executor executor;

	private final Executor completion;

	private final Clock clock;

	private final long acquireTimeoutNanos;

	private final String registrationId;

	private final AtomicReference<@Nullable Fetch> inFlight = new AtomicReference<>();

	private volatile boolean closed;

	SingleFlight(TokenSlot slot, FailureGate gate, TokenTiming timing, TokenRequester requester,
			TokenListeners listeners, TokenFailures failures, Executor executor, Executor completion, Clock clock,
			Duration acquireTimeout, String registrationId) {
		this.slot = slot;
		this.gate = gate;
		this.timing = timing;
		this.requester = requester;
		this.listeners = listeners;
		this.failures = failures;
		this.executor = executor;
		this.completion = completion;
		this.clock = clock;
		this.acquireTimeoutNanos = acquireTimeout.toNanos();
		this.registrationId = registrationId;
	}

	/**
	 * Whether no request is open, so that a background refresh may start.
	 */
	boolean idle() {
		return this.inFlight.get() == null;
	}

	/**
	 * The token for a caller who found {@code judged} in the cache and cannot use it: the
	 * open request's, the last failure while the next attempt is not due, or a new
	 * request's.
	 */
	CompletableFuture<AriaAccessToken> acquire(TokenSlot.Entry judged, long now) {
		Fetch running = this.inFlight.get();
		if (running != null) {
			Round round = running.round;
			if (!round.isDone()) {
				return round.result;
			}
		}
		AriaAuthException failure = this.gate.failFast(now);
		if (failure != null) {
			return CompletableFuture.failedFuture(failure);
		}
		return start(judged, true);
	}

	/**
	 * Start a background refresh; nobody waits for it.
	 */
	void refresh(TokenSlot.Entry judged) {
		start(judged, false);
	}

	/**
	 * Start a request unless one is open. If another caller cached a usable token since
	 * {@code judged} was read, that token is the answer and no request is made.
	 */
	private CompletableFuture<AriaAccessToken> start(TokenSlot.Entry judged, boolean callerWaits) {
		if (this.closed) {
			return CompletableFuture.failedFuture(this.failures.closed());
		}
		Fetch fetch = new Fetch(this.slot.generation());
		while (!this.inFlight.compareAndSet(null, fetch)) {
			Fetch running = this.inFlight.get();
			if (running != null) {
				CompletableFuture<AriaAccessToken> joined = join(running);
				if (joined != null) {
					return joined;
				}
				// It is ending: its outcome is being applied, and it leaves at once.
				Thread.onSpinWait();
			}
		}
		TokenSlot.Entry current = this.slot.current();
		AriaAccessToken cached = current.token();
		if (current != judged && cached != null && this.clock.millis() < current.schedule().refreshAt()) {
			this.inFlight.compareAndSet(fetch, null);
			fetch.state.set(Fetch.DONE);
			fetch.round.result.complete(cached);
			return fetch.round.result;
		}
		fetch.parent = callerWaits ? this.requester.currentObservation() : null;
		arm(fetch, fetch.round, this.acquireTimeoutNanos);
		try {
			this.executor.execute(() -> run(fetch));
		}
		catch (RejectedExecutionException ex) {
			if (fetch.state.compareAndSet(Fetch.QUEUED, Fetch.ABANDONED)) {
				this.inFlight.compareAndSet(fetch, null);
			}
			giveUp(fetch, fetch.round,
					this.closed ? this.failures.closed() : this.failures.rejected(ex.getClass().getSimpleName()),
					!this.closed);
		}
		return fetch.round.result;
	}

	/**
	 * Wait for a request that is already open: its current waiters' future, or a new one
	 * when the waiters before were given up on and the request still runs.
	 * @return {@code null} when the request is ending
	 */
	private @Nullable CompletableFuture<AriaAccessToken> join(Fetch fetch) {
		while (true) {
			Round round = fetch.round;
			if (!round.isDone()) {
				return round.result;
			}
			if (fetch.state.get() != Fetch.RUNNING) {
				return null;
			}
			Round next = new Round();
			if (fetch.replaceRound(round, next)) {
				if (fetch.state.get() == Fetch.RUNNING) {
					arm(fetch, next, this.acquireTimeoutNanos);
				}
				else {
					answer(next, fetch.token, fetch.failure);
				}
				return next.result;
			}
		}
	}

	private void arm(Fetch fetch, Round round, long nanos) {
		round.deadline.orTimeout(nanos, TimeUnit.NANOSECONDS)
			.whenCompleteAsync((ignored, ex) -> onDeadline(fetch, round, ex), this.completion);
	}

	private void onDeadline(Fetch fetch, Round round, @Nullable Throwable ex) {
		if (ex == null || round.isDone()) {
			return;
		}
		if (fetch.state.get() == Fetch.RUNNING) {
			long left = fetch.startedNanos + this.acquireTimeoutNanos - System.nanoTime();
			if (left > 0) {
				round.deadline = new CompletableFuture<>();
				arm(fetch, round, left);
				return;
			}
		}
		else if (fetch.state.compareAndSet(Fetch.QUEUED, Fetch.ABANDONED)) {
			// Never started: skipped whenever the executor gets to it.
			this.inFlight.compareAndSet(fetch, null);
		}
		giveUp(fetch, round, this.failures.fetchTimeout(), true);
	}

	private void giveUp(Fetch fetch, Round round, AriaAuthException failure, boolean record) {
		if (!round.claim()) {
			return;
		}
		if (record && fetch.generation == this.slot.generation()) {
			recordFailure(failure);
		}
		round.result.completeExceptionally(failure);
	}

	private void run(Fetch fetch) {
		if (!fetch.state.compareAndSet(Fetch.QUEUED, Fetch.RUNNING)) {
			return;
		}
		fetch.startedNanos = System.nanoTime();
		fetch.setRunner(Thread.currentThread());
		long started = this.clock.millis();
		TokenRequester.Outcome outcome = this.requester.request(fetch.parent);
		boolean stopping = this.closed;
		fetch.clearRunner(stopping);
		AriaAccessToken token = stopping ? null : outcome.token();
		AriaAuthException failure = stopping ? this.failures.closed() : outcome.failure();
		finish(fetch, token, failure);
		outcome.observation().stop(failure);
		if (stopping) {
			return;
		}
		Duration took = Duration.ofMillis(this.clock.millis() - started);
		if (outcome.credentialsChanged()) {
			this.listeners.notify(AriaTokenListener::credentialsChanged);
		}
		if (token != null) {
			if (logger.isDebugEnabled()) {
				logger.debug(this.registrationId + ": fetched an Aria token for client_no " + token.claims().clientNo()
						+ " in " + took.toMillis() + " ms; it expires at " + token.expiresAt());
			}
			this.listeners.notify((listener) -> listener.tokenFetched(token, took));
		}
		else if (failure != null) {
			this.listeners.notify((listener) -> listener.tokenFetchFailed(failure, took));
		}
	}

	/**
	 * Apply a request's outcome: a token is cached even when its waiters were given up on
	 * (and ends the failure episode); a failure counts once per waiting round.
	 */
	private void finish(Fetch fetch, @Nullable AriaAccessToken token, @Nullable AriaAuthException failure) {
		fetch.token = token;
		fetch.failure = failure;
		fetch.state.set(Fetch.DONE);
		Round round = fetch.round;
		boolean answers = round.claim();
		if (token != null) {
			if (this.slot.offer(fetch.generation, token, this.timing.schedule(token.issuedAt(), token.expiresAt()))) {
				this.gate.recordSuccess();
			}
		}
		else if (failure != null && answers && fetch.generation == this.slot.generation()) {
			recordFailure(failure);
		}
		this.inFlight.compareAndSet(fetch, null);
		if (answers) {
			round.deadline.complete(null);
			complete(round, token, failure);
		}
	}

	private void answer(Round round, @Nullable AriaAccessToken token, @Nullable AriaAuthException failure) {
		if (round.claim()) {
			complete(round, token, failure);
		}
	}

	private void complete(Round round, @Nullable AriaAccessToken token, @Nullable AriaAuthException failure) {
		if (token != null) {
			round.result.complete(token);
		}
		else {
			round.result.completeExceptionally((failure != null) ? failure : this.failures.closed());
		}
	}

	private void recordFailure(AriaAuthException failure) {
		TokenSlot.Entry held = this.slot.current();
		this.gate.recordFailure(failure, this.clock.millis(), held.token(), held.schedule().usableUntil());
	}

	/**
	 * Answer the waiters of the open request with {@code failure} and let it go; its HTTP
	 * call is interrupted when {@code interrupt} is set (close), or left to end on its
	 * own (a reset, whose new generation ignores it).
	 */
	private void cut(AriaAuthException failure, boolean interrupt, boolean record) {
		Fetch fetch = this.inFlight.getAndSet(null);
		if (fetch == null) {
			return;
		}
		fetch.state.compareAndSet(Fetch.QUEUED, Fetch.ABANDONED);
		giveUp(fetch, fetch.round, failure, record);
		if (interrupt) {
			fetch.interruptRunner();
		}
	}

	/**
	 * Stop: waiters get {@code closed}, the HTTP call in flight is interrupted, and no
	 * request starts any more.
	 */
	void close() {
		this.closed = true;
		cut(this.failures.closed(), true, true);
	}

	/**
	 * Forget the request in flight for a reset: its waiters get {@code reset}, and its
	 * outcome, of the previous generation, is ignored.
	 */
	void reset() {
		cut(this.failures.reset(), false, false);
	}

	/**
	 * The waiters of one request, until they are answered or given up on.
	 */
	static final class Round {

		final CompletableFuture<AriaAccessToken> result = new CompletableFuture<>();

		// Completed to cancel the deadline's timer.
		volatile CompletableFuture<@Nullable Void> deadline = new CompletableFuture<>();

		private final AtomicReference<@Nullable Boolean> claimed = new AtomicReference<>();

		boolean claim() {
			return this.claimed.compareAndSet(null, Boolean.TRUE);
		}

		boolean isDone() {
			return this.claimed.get() != null;
		}

	}

	/**
	 * One token request.
	 */
	static final class Fetch {

		static final int QUEUED = 0;

		static final int RUNNING = 1;

		static final int DONE = 2;

		static final int ABANDONED = 3;

		final AtomicInteger state = new AtomicInteger(QUEUED);

		final int generation;

		volatile Round round = new Round();

		volatile long startedNanos;

		volatile @Nullable Observation parent;

		volatile @Nullable AriaAccessToken token;

		volatile @Nullable AriaAuthException failure;

		private @Nullable Thread runner;

		Fetch(int generation) {
			this.generation = generation;
		}

		synchronized boolean replaceRound(Round expected, Round next) {
			if (this.round != expected) {
				return false;
			}
			this.round = next;
			return true;
		}

		// Guarded, so that an interrupt meant for this request never reaches the task
		// the runner's thread takes next.
		synchronized void setRunner(Thread thread) {
			this.runner = thread;
		}

		synchronized void clearRunner(boolean closing) {
			this.runner = null;
			if (closing) {
				// The close may have interrupted this thread, which is not ours to keep
				// interrupted.
				Thread.interrupted();
			}
		}

		synchronized void interruptRunner() {
			if (this.runner != null) {
				this.runner.interrupt();
			}
		}

	}

}
