package io.github.ariaauth;

import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The failure policy of the token core: how many token requests failed in a row, the last
 * failure, and when the next attempt may come, one gate while a usable token is held and
 * one once none is. Written only by whoever settles a fetch, and at most one fetch is
 * settled at a time, so plain volatile fields suffice.
 */
final class FailureGate {

	private static final Log logger = LogFactory.getLog(AriaTokenManager.class);

	private final String registrationId;

	private final TokenTiming timing;

	private volatile long refreshRetryAtMillis;

	private volatile long retryWithoutTokenAtMillis;

	private volatile @Nullable AriaAuthException lastFailure;

	private volatile int consecutiveFailures;

	// Whether the failure being waited out was the token endpoint rejecting credentials
	// that have been replaced since: then the next attempt may come at once.
	private final BooleanSupplier rejectedCredentialsReplaced;

	FailureGate(String registrationId, TokenTiming timing) {
		this(registrationId, timing, () -> false);
	}

	FailureGate(String registrationId, TokenTiming timing, BooleanSupplier rejectedCredentialsReplaced) {
		this.registrationId = registrationId;
		this.timing = timing;
		this.rejectedCredentialsReplaced = rejectedCredentialsReplaced;
	}

	/**
	 * Whether a background refresh may start at {@code now}.
	 */
	boolean mayRefresh(long now) {
		return now >= this.refreshRetryAtMillis || this.rejectedCredentialsReplaced.getAsBoolean();
	}

	/**
	 * The failure a caller without a usable token gets at once, because the next attempt
	 * is not due yet; {@code null} when an attempt may start.
	 */
	@Nullable AriaAuthException failFast(long now) {
		AriaAuthException failure = this.lastFailure;
		return (failure != null && now < this.retryWithoutTokenAtMillis
				&& !this.rejectedCredentialsReplaced.getAsBoolean()) ? failure : null;
	}

	@Nullable AriaAuthException lastFailure() {
		return this.lastFailure;
	}

	int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	void recordSuccess() {
		this.consecutiveFailures = 0;
		this.lastFailure = null;
		this.refreshRetryAtMillis = 0;
		this.retryWithoutTokenAtMillis = 0;
	}

	/**
	 * Record a failed attempt and plan the next ones.
	 * @param held the cached token, if any, to keep serving while it is usable
	 */
	void recordFailure(AriaAuthException failure, long now, @Nullable AriaAccessToken held, long heldUsableUntil) {
		int failures = ++this.consecutiveFailures;
		long usableUntil = (held != null) ? heldUsableUntil : now;
		TokenTiming.Retry retry = this.timing.afterFailure(now, failures, failure.getRetryAfter(), usableUntil);
		this.refreshRetryAtMillis = retry.refreshAt();
		this.retryWithoutTokenAtMillis = retry.withoutTokenAt();
		this.lastFailure = failure;
		if (AriaAuthException.CLOSED.equals(failure.getErrorCode())) {
			logger.debug(failure.getMessage());
			return;
		}
		if (logger.isWarnEnabled()) {
			String state = (held != null && usableUntil > now)
					? "still using the current token, valid until " + held.expiresAt() + "; next attempt in "
							+ (retry.refreshAt() - now) + " ms"
					: "no valid token is held; next attempt in " + (retry.withoutTokenAt() - now) + " ms";
			logger.warn("Aria registration '" + this.registrationId + "': " + failure.getMessage() + " (" + failures
					+ " failure(s) in a row; " + state + ")");
		}
	}

	void reset() {
		recordSuccess();
	}

}
