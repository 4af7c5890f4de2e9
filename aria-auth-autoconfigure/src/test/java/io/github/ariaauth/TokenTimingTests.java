package io.github.ariaauth;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenTiming}, with the jitter pinned to either end of its range.
 */
class TokenTimingTests {

	private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

	private static final long NOW = ISSUED.toEpochMilli();

	private static final TokenTiming.Jitter NONE = (bound) -> 0;

	private static final TokenTiming.Jitter FULL = (bound) -> bound;

	@Test
	void longLivedTokenIsRefreshedInTheFirstHalfOfAFiveMinuteWindowAndNotUsedInTheLastThirtySeconds() {
		TokenTiming.Schedule earliest = timing(NONE).schedule(ISSUED, ISSUED.plusSeconds(3600));
		TokenTiming.Schedule latest = timing(FULL).schedule(ISSUED, ISSUED.plusSeconds(3600));

		assertThat(earliest.refreshAt()).isEqualTo(NOW + 3300_000);
		assertThat(latest.refreshAt()).isEqualTo(NOW + 3300_000 + 135_000);
		assertThat(earliest.usableUntil()).isEqualTo(latest.usableUntil()).isEqualTo(NOW + 3570_000);
		assertThat(earliest.expiresAt()).isEqualTo(NOW + 3600_000);
	}

	@Test
	void shortLivedTokenGetsAWindowOfHalfAndAMarginOfATenthOfItsLifetime() {
		TokenTiming.Schedule schedule = timing(NONE).schedule(ISSUED, ISSUED.plusSeconds(10));

		assertThat(schedule.refreshAt()).isEqualTo(NOW + 5_000);
		assertThat(schedule.usableUntil()).isEqualTo(NOW + 9_000);
	}

	@Test
	void backoffDoublesFromTheInitialDelayUpToTheMaximumAndIsJitteredWithinItsUpperHalf() {
		long[] longest = new long[10];
		long[] shortest = new long[10];
		for (int failures = 1; failures <= 10; failures++) {
			longest[failures - 1] = timing(NONE).afterFailure(NOW, failures, null, NOW).refreshAt() - NOW;
			shortest[failures - 1] = timing(FULL).afterFailure(NOW, failures, null, NOW).refreshAt() - NOW;
		}

		assertThat(longest).containsExactly(1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 120_000, 120_000,
				120_000);
		assertThat(shortest).containsExactly(500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000);
	}

	@Test
	void withoutAUsableTokenAttemptsAreNeverMoreThanTheSmallCeilingApart() {
		for (int failures = 1; failures <= 40; failures++) {
			assertThat(timing(NONE).afterFailure(NOW, failures, null, NOW).withoutTokenAt() - NOW)
				.isEqualTo(Math.min(2_000, 1_000L << Math.min(failures - 1, 30)));
			assertThat(timing(FULL).afterFailure(NOW, failures, null, NOW).withoutTokenAt() - NOW).isBetween(500L,
					1_000L);
		}
	}

	@Test
	void ceilingWithoutATokenNeverExceedsTheMaximumBackoff() {
		TokenTiming timing = new TokenTiming(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(100),
				Duration.ofMillis(800), Duration.ofSeconds(2), NONE);

		assertThat(timing.afterFailure(NOW, 10, null, NOW).withoutTokenAt() - NOW).isEqualTo(800);
	}

	@Test
	void retryAfterIsHonouredUpToTheMaximumBackoffWithOrWithoutAToken() {
		TokenTiming.Retry asked = timing(FULL).afterFailure(NOW, 1, Duration.ofSeconds(45), NOW);
		TokenTiming.Retry capped = timing(FULL).afterFailure(NOW, 1, Duration.ofHours(1), NOW);

		assertThat(asked.refreshAt() - NOW).isEqualTo(45_000);
		assertThat(asked.withoutTokenAt() - NOW).isEqualTo(45_000);
		assertThat(capped.withoutTokenAt() - NOW).isEqualTo(120_000);
	}

	@Test
	void longBackoffIsShortenedSoThatOneAttemptFallsShortlyBeforeTheHeldTokenStopsBeingUsable() {
		long usableUntil = NOW + 20_000;

		// The 7th failure would wait 32 to 64 s: beyond the token, so the attempt comes 1
		// to 2 s before its end.
		TokenTiming.Retry retry = timing(NONE).afterFailure(NOW, 7, null, usableUntil);
		TokenTiming.Retry jittered = timing(FULL).afterFailure(NOW, 7, null, usableUntil);

		assertThat(retry.refreshAt()).isEqualTo(usableUntil - 2_000);
		assertThat(jittered.refreshAt()).isEqualTo(usableUntil - 1_000);
	}

	@Test
	void backoffEndingBeforeTheLastChanceIsKeptAndNoEarlyAttemptIsPlannedOnceItPassed() {
		long usableUntil = NOW + 60_000;

		assertThat(timing(NONE).afterFailure(NOW, 2, null, usableUntil).refreshAt()).isEqualTo(NOW + 2_000);
		// Within the last 2 s nothing earlier than the backoff is planned: the attempt
		// without a token follows.
		assertThat(timing(NONE).afterFailure(usableUntil - 1_000, 6, null, usableUntil).refreshAt())
			.isEqualTo(usableUntil - 1_000 + 32_000);
	}

	@Test
	void attemptIsMovedToTheLastChanceOnlyWhileThatIsStillAhead() {
		// The last chance (2 s before the end of the held token) is now: nothing to move
		// the 2nd failure's 2 s backoff to.
		long usableUntil = NOW + 2_000;

		assertThat(timing(NONE).afterFailure(NOW, 2, null, usableUntil).refreshAt()).isEqualTo(NOW + 2_000);
		assertThat(timing(NONE).afterFailure(NOW, 2, null, NOW + 2_001).refreshAt()).isEqualTo(NOW + 1);
	}

	@Test
	void retryAfterBeyondTheLastChanceIsHonouredOverIt() {
		long usableUntil = NOW + 20_000;

		// The 7th failure waits 32 s or more; the server asks for 19 s, past the last
		// chance at 18 s.
		TokenTiming.Retry retry = timing(NONE).afterFailure(NOW, 7, Duration.ofSeconds(19), usableUntil);

		assertThat(retry.refreshAt()).isEqualTo(NOW + 19_000);
	}

	@Test
	void rejectionPauseGrowsLikeTheBackoffAndIsCapped() {
		assertThat(timing(NONE).rejectionPause(1)).isEqualTo(1_000);
		assertThat(timing(NONE).rejectionPause(3)).isEqualTo(4_000);
		assertThat(timing(NONE).rejectionPause(20)).isEqualTo(120_000);
		assertThat(timing(FULL).rejectionPause(20)).isEqualTo(60_000);
	}

	private static TokenTiming timing(TokenTiming.Jitter jitter) {
		return new TokenTiming(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(1),
				Duration.ofMinutes(2), Duration.ofSeconds(2), jitter);
	}

}
