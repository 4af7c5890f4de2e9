package io.github.ariaauth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

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

	private static AriaAuthException failure() {
		return new AriaAuthException(URI.create("https://sso.example.com/token"), 503, null, "down", "hint", null,
				null);
	}

}
