package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaAuthException;

/**
 * The startup check could not obtain a token; only this, not every
 * {@link AriaAuthException} thrown while a context starts, is explained as a failed
 * startup check.
 */
class AriaAuthStartupCheckException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final AriaAuthException failure;

	AriaAuthStartupCheckException(AriaAuthException failure) {
		super("aria-auth startup check failed: " + failure.getMessage(), failure);
		this.failure = failure;
	}

	AriaAuthException getFailure() {
		return this.failure;
	}

}
