package io.github.ariaauth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The 401 policy: when a newly fetched token is rejected too, the token is not the
 * problem, so 401s stop dropping tokens for a backoff period that grows with each such
 * rejection in a row; an accepted resend ends the episode.
 */
final class RejectionGuard {

	private static final Log logger = LogFactory.getLog(AriaTokenManager.class);

	private final TokenTiming timing;

	private final Clock clock;

	private final AtomicInteger consecutiveRejections = new AtomicInteger();

	private final AtomicReference<@Nullable String> lastRejectedToken = new AtomicReference<>();

	private volatile long pausedUntilMillis;

	RejectionGuard(TokenTiming timing, Clock clock) {
		this.timing = timing;
		this.clock = clock;
	}

	/**
	 * Whether a 401 may drop the cached token now.
	 */
	boolean mayInvalidate() {
		return this.clock.millis() >= this.pausedUntilMillis;
	}

	/**
	 * Record how the API answered a resend with a new token.
	 * @param describe what to tell the operator, given the pause and the rejections in a
	 * row
	 * @return the pause that started, or {@code null} when none did
	 */
	@Nullable Duration resendAnswered(AriaAccessToken token, boolean rejected, Describer describe) {
		if (!rejected) {
			if (this.consecutiveRejections.get() != 0) {
				this.consecutiveRejections.set(0);
				this.lastRejectedToken.set(null);
			}
			return null;
		}
		String value = token.tokenValue();
		if (value.equals(this.lastRejectedToken.getAndSet(value))) {
			// Concurrent resends with the same token count once.
			return null;
		}
		int rejections = this.consecutiveRejections.incrementAndGet();
		long pause = this.timing.rejectionPause(rejections);
		this.pausedUntilMillis = this.clock.millis() + pause;
		String message = describe.describe(pause, rejections);
		if (rejections == 1) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
		return Duration.ofMillis(pause);
	}

	void reset() {
		this.consecutiveRejections.set(0);
		this.lastRejectedToken.set(null);
		this.pausedUntilMillis = 0;
	}

	/**
	 * Words for the WARN of an episode.
	 */
	@FunctionalInterface
	interface Describer {

		String describe(long pauseMillis, int rejections);

	}

}
