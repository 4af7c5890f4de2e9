package io.github.ariaauth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RejectionGuard}, with the jitter pinned to zero.
 */
class RejectionGuardTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final RejectionGuard guard = new RejectionGuard(new TokenTiming(Duration.ofMinutes(5),
			Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(2), (bound) -> 0),
			this.clock);

	private final List<String> messages = new ArrayList<>();

	@Test
	void acceptedResendStartsNoPause() {
		assertThat(answer("a", false)).isNull();
		assertThat(this.guard.mayInvalidate()).isTrue();
		assertThat(this.messages).isEmpty();
	}

	@Test
	void rejectedNewTokenPausesInvalidationForAGrowingPeriod() {
		assertThat(answer("a", true)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.guard.mayInvalidate()).isFalse();
		this.clock.advance(Duration.ofMillis(999));
		assertThat(this.guard.mayInvalidate()).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.guard.mayInvalidate()).isTrue();

		assertThat(answer("b", true)).isEqualTo(Duration.ofSeconds(2));
		assertThat(answer("c", true)).isEqualTo(Duration.ofSeconds(4));
		assertThat(answer("d", true)).as("capped by the max backoff").isEqualTo(Duration.ofSeconds(4));
		assertThat(this.messages).containsExactly("1000/1", "2000/2", "4000/3", "4000/4");
	}

	@Test
	void sameTokenRejectedByConcurrentResendsCountsOnce() {
		answer("a", true);

		assertThat(answer("a", true)).isNull();
		assertThat(answer("b", true)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void acceptedResendOrResetEndsTheEpisode() {
		answer("a", true);
		answer("b", true);
		answer("c", false);
		assertThat(answer("d", true)).isEqualTo(Duration.ofSeconds(1));

		this.guard.reset();

		assertThat(this.guard.mayInvalidate()).isTrue();
		assertThat(answer("d", true)).as("the same token is new after a reset").isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void tokenRejectedAgainAfterAnAcceptedResendCountsAgain() {
		answer("a", true);
		answer("b", false);

		assertThat(answer("a", true)).isEqualTo(Duration.ofSeconds(1));
	}

	private Duration answer(String token, boolean rejected) {
		AriaAccessToken accessToken = new AriaAccessToken(token, this.clock.instant(),
				this.clock.instant().plusSeconds(60), Set.of(), AriaTokenClaims.NONE);
		return this.guard.resendAnswered(accessToken, rejected, (pause, count) -> {
			String message = pause + "/" + count;
			this.messages.add(message);
			return message;
		});
	}

}
