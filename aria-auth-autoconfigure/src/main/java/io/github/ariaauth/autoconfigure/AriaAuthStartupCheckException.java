package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaAuthException;

/**
 * The startup check could not obtain a token; only this, not every
 * {@link AriaAuthException} thrown while a context starts, is explained as a failed
 * startup check.
 */
class AriaAuthStartupCheckException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String registration;

	private final AriaAuthException failure;

	AriaAuthStartupCheckException(String registration, AriaAuthException failure) {
		super("aria-auth startup check failed for registration '" + registration + "': " + failure.getMessage(),
				failure);
		this.registration = registration;
		this.failure = failure;
	}

	String getRegistration() {
		return this.registration;
	}

	AriaAuthException getFailure() {
		return this.failure;
	}

}
