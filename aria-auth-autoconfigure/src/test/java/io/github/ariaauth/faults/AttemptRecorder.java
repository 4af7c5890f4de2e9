package io.github.ariaauth.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenListener;
import io.github.ariaauth.MutableClock;

/**
 * Records when (in simulated time) each token request ended, and how.
 */
final class AttemptRecorder implements AriaTokenListener {

	private final MutableClock clock;

	private final List<Duration> failures = new CopyOnWriteArrayList<>();

	private final List<Duration> successes = new CopyOnWriteArrayList<>();

	private final List<AriaAuthException> exceptions = new CopyOnWriteArrayList<>();

	AttemptRecorder(MutableClock clock) {
		this.clock = clock;
	}

	@Override
	public void tokenFetched(AriaAccessToken token, Duration duration) {
		this.successes.add(this.clock.elapsed());
	}

	@Override
	public void tokenFetchFailed(AriaAuthException failure, Duration duration) {
		this.failures.add(this.clock.elapsed());
		this.exceptions.add(failure);
	}

	List<Duration> failures() {
		return this.failures;
	}

	List<Duration> successes() {
		return this.successes;
	}

	List<AriaAuthException> exceptions() {
		return this.exceptions;
	}

	int attempts() {
		return this.failures.size() + this.successes.size();
	}

}
