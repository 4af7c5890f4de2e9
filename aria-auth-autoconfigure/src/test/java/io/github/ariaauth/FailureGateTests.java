package io.github.ariaauth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailureGate}, with the jitter pinned to zero.
 */
class FailureGateTests {

	private static final long NOW = 1_000_000;

	private final FailureGate gate = new FailureGate("aria", new TokenTiming(Duration.ofMinutes(5),
			Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(2), (bound) -> 0));

	@Test
	void withoutFailuresEveryAttemptIsAllowed() {
		assertThat(this.gate.failFast(NOW)).isNull();
		assertThat(this.gate.mayRefresh(NOW)).isTrue();
		assertThat(this.gate.lastFailure()).isNull();
	}

	@Test
	void failureWithoutTokenFailsCallersFastUntilTheNextAttemptIsDue() {
		AriaAuthException failure = failure();
		this.gate.recordFailure(failure, NOW, null, 0);

		assertThat(this.gate.failFast(NOW + 999)).isSameAs(failure);
		assertThat(this.gate.failFast(NOW + 1000)).isNull();
		assertThat(this.gate.consecutiveFailures()).isEqualTo(1);
	}

	@Test
	void backoffDoublesPerFailureUpToTheCapsOfEachGate() {
		for (int i = 0; i < 5; i++) {
			this.gate.recordFailure(failure(), NOW, null, 0);
		}
		// 5th failure: 16 s, capped at 8 s while a token is held and 2 s once none is.
		assertThat(this.gate.failFast(NOW + 1999)).isNotNull();
		assertThat(this.gate.failFast(NOW + 2000)).isNull();
		assertThat(this.gate.mayRefresh(NOW + 7999)).isFalse();
		assertThat(this.gate.mayRefresh(NOW + 8000)).isTrue();
	}

	@Test
	void successEndsTheEpisode() {
		this.gate.recordFailure(failure(), NOW, null, 0);
		this.gate.recordFailure(failure(), NOW, null, 0);

		this.gate.recordSuccess();

		assertThat(this.gate.lastFailure()).isNull();
		assertThat(this.gate.consecutiveFailures()).isZero();
		assertThat(this.gate.failFast(NOW)).isNull();
		assertThat(this.gate.mayRefresh(NOW)).isTrue();
	}

	@Test
	void heldTokenGetsAnAttemptBeforeItStopsBeingUsable() {
		AriaAccessToken held = new AriaAccessToken("t", Instant.ofEpochMilli(0), Instant.ofEpochMilli(NOW + 60_000),
				Set.of(), AriaTokenClaims.NONE);
		for (int i = 0; i < 4; i++) {
			this.gate.recordFailure(failure(), NOW, held, NOW + 5_000);
		}
		// 8 s of backoff would pass the end of the held token at +5 s: one attempt 2 s
		// before it.
		assertThat(this.gate.mayRefresh(NOW + 2_999)).isFalse();
		assertThat(this.gate.mayRefresh(NOW + 3_000)).isTrue();
	}

	@Test
	void resetForgetsEverything() {
		this.gate.recordFailure(failure(), NOW, null, 0);

		this.gate.reset();

		assertThat(this.gate.lastFailure()).isNull();
		assertThat(this.gate.consecutiveFailures()).isZero();
	}

	@Test
	void warningSaysWhetherTheHeldTokenStaysInUseAndWhenTheNextAttemptComes() {
		AriaAccessToken held = new AriaAccessToken("t", Instant.ofEpochMilli(0), Instant.ofEpochMilli(NOW + 90_000),
				Set.of(), AriaTokenClaims.NONE);

		List<String> warnings = CoreLogs.at(Level.WARN, CoreLogs.during(() -> {
			this.gate.recordFailure(failure(), NOW, held, NOW + 60_000);
			this.gate.recordFailure(failure(), NOW, held, NOW);
			this.gate.recordFailure(failure(), NOW, null, 0);
		}));

		assertThat(warnings).hasSize(3);
		assertThat(warnings.get(0)).startsWith("Aria registration 'aria': ")
			.endsWith("(1 failure(s) in a row; still using the current token, valid until " + held.expiresAt()
					+ "; next attempt in 1000 ms)");
		assertThat(warnings.get(1)).as("a token at the end of its use is not held")
			.endsWith("(2 failure(s) in a row; no valid token is held; next attempt in 2000 ms)");
		assertThat(warnings.get(2))
			.endsWith("(3 failure(s) in a row; no valid token is held; next attempt in 2000 ms)");
	}

	@Test
	void closedIsRecordedWithoutAWarning() {
		AriaAuthException closed = new TokenFailures(URI.create("https://sso.example.com/token"),
				Duration.ofSeconds(30))
			.closed();

		List<ILoggingEvent> logs = CoreLogs.during(() -> this.gate.recordFailure(closed, NOW, null, 0));

		assertThat(CoreLogs.at(Level.WARN, logs)).isEmpty();
		assertThat(CoreLogs.at(Level.DEBUG, logs)).singleElement().asString().contains("closed");
		assertThat(this.gate.lastFailure()).isSameAs(closed);
	}

	private static AriaAuthException failure() {
		return new AriaAuthException(URI.create("https://sso.example.com/token"), 503, null, "down", "hint", null,
				null);
	}

}
