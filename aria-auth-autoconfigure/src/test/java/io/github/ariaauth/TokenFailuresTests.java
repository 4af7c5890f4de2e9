package io.github.ariaauth;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenFailures}: each failure of the core's own has its code, says what
 * happened with the facts a reader needs, and gives a hint of its own.
 */
class TokenFailuresTests {

	private static final URI TOKEN_URI = URI.create("https://sso.example.com/token");

	private final TokenFailures failures = new TokenFailures(TOKEN_URI, Duration.ofSeconds(7));

	@Test
	void closedSaysTheApplicationIsStoppingOrTheRegistrationWasRemoved() {
		assertFailure(this.failures.closed(), AriaAuthException.CLOSED, "the token manager is closed", "stopping");
	}

	@Test
	void resetIsNoShutdown() {
		AriaAuthException reset = this.failures.reset();

		assertFailure(reset, AriaAuthException.RESET, "reset for the next test", "ask again");
		assertThat(reset.getHint()).doesNotContain("stopping");
	}

	@Test
	void rejectedNamesTheExecutorsRefusal() {
		AriaAuthException rejected = this.failures.rejected("RejectedExecutionException");

		assertFailure(rejected, AriaAuthException.REJECTED,
				"the executor refused the token request (RejectedExecutionException)", "not bounded so tightly");
		assertThat(rejected.getHint()).doesNotContain("stopping");
	}

	@Test
	void timeoutsNameTheAcquireTimeoutAndWhatToCheck() {
		assertFailure(this.failures.acquireTimeout(), AriaAuthException.TIMEOUT,
				"no token within the acquire timeout of PT7S", "aria.auth.token.acquire-timeout");
		assertFailure(this.failures.fetchTimeout(), AriaAuthException.TIMEOUT,
				"the token request did not finish within PT7S", "connect-timeout and read-timeout");
	}

	@Test
	void interruptedAndUnexpectedSayWhatHappened() {
		assertFailure(this.failures.interrupted(), AriaAuthException.INTERRUPTED, "interrupted while waiting",
				"thread was interrupted");
		AriaAuthException unexpected = this.failures.unexpected(new IllegalStateException("secret detail"));
		assertFailure(unexpected, AriaAuthException.UNEXPECTED_ERROR, "java.lang.IllegalStateException",
				"please report it");
		assertThat(unexpected.getMessage()).doesNotContain("secret detail");
	}

	private static void assertFailure(AriaAuthException failure, String code, String description, String hint) {
		assertThat(failure.getErrorCode()).isEqualTo(code);
		assertThat(failure.getEndpoint()).isEqualTo(TOKEN_URI);
		assertThat(failure.getHttpStatus()).isNull();
		assertThat(failure.getErrorDescription()).contains(description);
		assertThat(failure.getHint()).contains(hint);
		assertThat(failure.getMessage()).contains(TOKEN_URI.toString(), code, description);
	}

}
