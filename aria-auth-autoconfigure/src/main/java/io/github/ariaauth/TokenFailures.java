package io.github.ariaauth;

import java.net.URI;
import java.time.Duration;

/**
 * The failures the token core itself reports (as opposed to those of the token endpoint),
 * each with its code and a hint for the reader of the log.
 */
final class TokenFailures {

	private final URI tokenUri;

	private final Duration acquireTimeout;

	TokenFailures(URI tokenUri, Duration acquireTimeout) {
		this.tokenUri = tokenUri;
		this.acquireTimeout = acquireTimeout;
	}

	AriaAuthException closed() {
		return failure(AriaAuthException.CLOSED, "the token manager is closed",
				"The application is stopping, or this registration was removed at run time (AriaRegistrations.remove).");
	}

	AriaAuthException reset() {
		return failure(AriaAuthException.RESET, "the token state was reset for the next test",
				"Test support (aria-auth-test) resets the token state before each test method; ask again.");
	}

	AriaAuthException rejected(String executor) {
		return failure(AriaAuthException.REJECTED, "the executor refused the token request (" + executor + ")",
				"Token requests need an executor that accepts one task per registration at any time; give the "
						+ "token manager one that is not bounded so tightly, or none (its own).");
	}

	AriaAuthException acquireTimeout() {
		return failure(AriaAuthException.TIMEOUT, "no token within the acquire timeout of " + this.acquireTimeout,
				"Check that the token endpoint answers, or raise aria.auth.token.acquire-timeout.");
	}

	AriaAuthException fetchTimeout() {
		return failure(AriaAuthException.TIMEOUT, "the token request did not finish within " + this.acquireTimeout,
				"Check that the token endpoint answers; token requests need connect and read timeouts "
						+ "(aria.auth.token.connect-timeout and read-timeout).");
	}

	AriaAuthException interrupted() {
		return failure(AriaAuthException.INTERRUPTED, "interrupted while waiting for a token",
				"The calling thread was interrupted.");
	}

	AriaAuthException unexpected(Throwable ex) {
		return failure(AriaAuthException.UNEXPECTED_ERROR, ex.getClass().getName(),
				"This is likely a bug in aria-auth; please report it.");
	}

	private AriaAuthException failure(String code, String description, String hint) {
		return new AriaAuthException(this.tokenUri, null, code, description, hint, null, null);
	}

}
