package io.github.ariaauth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * When a token is refreshed, when it stops being handed out, and how failed attempts are
 * spaced: plain arithmetic over epoch milliseconds, apart from the manager's threads and
 * state so that it can be tested on its own. Jitter comes from a {@link Jitter} so tests
 * can pin it to either end of its range.
 */
final class TokenTiming {

	private final long refreshWindow;

	private final long expiryMargin;

	private final long initialBackoff;

	private final long maxBackoff;

	private final long maxBackoffWithoutToken;

	private final Jitter jitter;

	TokenTiming(Duration refreshWindow, Duration expiryMargin, Duration initialBackoff, Duration maxBackoff,
			Duration maxBackoffWithoutToken, Jitter jitter) {
		this.refreshWindow = refreshWindow.toMillis();
		this.expiryMargin = expiryMargin.toMillis();
		this.initialBackoff = initialBackoff.toMillis();
		this.maxBackoff = maxBackoff.toMillis();
		this.maxBackoffWithoutToken = Math.min(maxBackoffWithoutToken.toMillis(), this.maxBackoff);
		this.jitter = jitter;
	}

	TokenTiming(AriaTokenTimings timings, Jitter jitter) {
		this(timings.refreshWindow(), timings.expiryMargin(), timings.initialBackoff(), timings.maxBackoff(),
				timings.maxBackoffWithoutToken(), jitter);
	}

	/**
	 * Plan a new token's life: the refresh window is at most half the lifetime and the
	 * expiry margin at most a tenth, so short-lived tokens are still reused; the refresh
	 * moment falls at random in the first half of the window so that instances started
	 * together refresh apart.
	 */
	Schedule schedule(Instant issuedAt, Instant expiresAt) {
		long expires = expiresAt.toEpochMilli();
		long lifetime = Math.max(0, expires - issuedAt.toEpochMilli());
		long margin = Math.min(this.expiryMargin, lifetime / 10);
		long window = Math.max(margin, Math.min(this.refreshWindow, lifetime / 2));
		return new Schedule(expires - window + this.jitter.upTo((window - margin) / 2), expires - margin, expires);
	}

	/**
	 * Plan the next attempts after the {@code failures}-th failure in a row at
	 * {@code now}.
	 * @param heldUsableUntil until when the token still held may be handed out (any
	 * moment up to {@code now} if none is held)
	 */
	Retry afterFailure(long now, int failures, @Nullable Duration retryAfter, long heldUsableUntil) {
		long serverAsked = (retryAfter != null) ? Math.min(retryAfter.toMillis(), this.maxBackoff) : 0;
		long withoutToken = now + Math.max(backoff(failures, this.maxBackoffWithoutToken), serverAsked);
		long refresh = now + Math.max(backoff(failures, this.maxBackoff), serverAsked);
		// A long backoff must not skip past the end of the held token: one attempt falls
		// shortly before it.
		if (heldUsableUntil > now) {
			long lead = this.maxBackoffWithoutToken;
			long lastChance = heldUsableUntil - lead + this.jitter.upTo(lead / 2);
			if (now < lastChance && refresh > lastChance) {
				refresh = Math.max(lastChance, now + serverAsked);
			}
		}
		return new Retry(refresh, withoutToken);
	}

	/**
	 * How long 401s stop dropping tokens after the {@code rejections}-th new token in a
	 * row was rejected.
	 */
	long rejectionPause(int rejections) {
		return backoff(rejections, this.maxBackoff);
	}

	// Exponential from the initial backoff, capped, then jittered within its upper half.
	private long backoff(int failures, long cap) {
		int doublings = Math.max(0, Math.min(failures - 1, 30));
		long backoff = Math.min(cap, this.initialBackoff << doublings);
		return backoff - this.jitter.upTo(backoff / 2);
	}

	/**
	 * The moments of a token's life, in epoch milliseconds.
	 *
	 * @param refreshAt when a background refresh may start
	 * @param usableUntil when the token stops being handed out (the expiry margin begins)
	 * @param expiresAt when the token expires
	 */
	record Schedule(long refreshAt, long usableUntil, long expiresAt) {
	}

	/**
	 * When to try again after a failure, in epoch milliseconds.
	 *
	 * @param refreshAt the next background attempt while the held token is still usable
	 * @param withoutTokenAt the next attempt once no usable token is held
	 */
	record Retry(long refreshAt, long withoutTokenAt) {
	}

	/**
	 * A source of random offsets.
	 */
	@FunctionalInterface
	interface Jitter {

		Jitter RANDOM = (bound) -> (bound > 0) ? ThreadLocalRandom.current().nextLong(bound + 1) : 0;

		/**
		 * Return a value between 0 and {@code bound}, both included.
		 */
		long upTo(long bound);

	}

}
