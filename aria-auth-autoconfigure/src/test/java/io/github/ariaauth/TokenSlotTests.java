package io.github.ariaauth;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenSlot}: a token is cached for its generation only, a later one is
 * never replaced by an earlier one, and a drop takes exactly the rejected token.
 */
class TokenSlotTests {

	private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

	private final TokenSlot slot = new TokenSlot();

	@Test
	void emptySlotHoldsNoTokenAndIsNeverUsable() {
		TokenSlot.Entry empty = this.slot.current();

		assertThat(empty.token()).isNull();
		assertThat(empty.schedule().usableUntil()).isEqualTo(Long.MIN_VALUE);
		assertThat(empty.generation()).isZero();
	}

	@Test
	void offeredTokenIsCachedForTheCurrentGenerationOnly() {
		AriaAccessToken token = token("a", 100);

		assertThat(this.slot.offer(1, token, schedule(100))).as("a generation that is not current").isFalse();
		assertThat(this.slot.current().token()).isNull();
		assertThat(this.slot.offer(0, token, schedule(100))).isTrue();
		assertThat(this.slot.current().token()).isSameAs(token);
	}

	@Test
	void laterTokenIsNotReplacedByOneThatExpiresEarlier() {
		AriaAccessToken later = token("later", 200);
		this.slot.offer(0, later, schedule(200));

		assertThat(this.slot.offer(0, token("earlier", 100), schedule(100))).isFalse();
		assertThat(this.slot.current().token()).isSameAs(later);
		AriaAccessToken same = token("same", 200);
		assertThat(this.slot.offer(0, same, schedule(200))).as("as late: the newer answer wins").isTrue();
	}

	@Test
	void dropTakesOnlyTheGivenTokenAndOnlyOnce() {
		AriaAccessToken token = token("a", 100);
		this.slot.offer(0, token, schedule(100));

		assertThat(this.slot.drop("other")).isNull();
		assertThat(this.slot.drop("a")).isNotNull().extracting(TokenSlot.Entry::token).isSameAs(token);
		assertThat(this.slot.drop("a")).isNull();
		assertThat(this.slot.current().generation()).as("a drop keeps the generation").isZero();
	}

	@Test
	void resetEmptiesTheSlotAndLocksOutTheGenerationBefore() {
		this.slot.offer(0, token("a", 100), schedule(100));

		assertThat(this.slot.reset()).isEqualTo(1);
		assertThat(this.slot.current().token()).isNull();
		assertThat(this.slot.offer(0, token("late", 300), schedule(300))).isFalse();
		assertThat(this.slot.current().token()).isNull();
		assertThat(this.slot.generation()).isEqualTo(1);
	}

	@Test
	void emptyEntriesOfOneGenerationAreDistinctSoACompareAndSetTellsThemApart() {
		assertThat(TokenSlot.Entry.empty(3)).isNotSameAs(TokenSlot.Entry.empty(3));
		assertThat(TokenSlot.Entry.empty(3).toString()).contains("empty", "generation=3");
	}

	private static TokenTiming.Schedule schedule(long expiresInSeconds) {
		long expires = T.plusSeconds(expiresInSeconds).toEpochMilli();
		return new TokenTiming.Schedule(expires - 2000, expires - 1000, expires);
	}

	private static AriaAccessToken token(String value, long expiresInSeconds) {
		return new AriaAccessToken(value, T, T.plusSeconds(expiresInSeconds), Set.of(), AriaTokenClaims.NONE);
	}

}
