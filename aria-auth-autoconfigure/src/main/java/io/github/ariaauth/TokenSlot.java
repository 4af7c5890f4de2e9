package io.github.ariaauth;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * The cached token and the generation it belongs to, in one atomic value: a reset starts
 * a new generation and empties the slot in one step, so a fetch of the previous
 * generation can never fill it afterwards, however the two race.
 */
final class TokenSlot {

	private static final VarHandle ENTRY;

	static {
		try {
			ENTRY = MethodHandles.lookup().findVarHandle(TokenSlot.class, "entry", Entry.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	// A volatile read is the whole cost of the fast path.
	private volatile Entry entry = Entry.empty(0);

	/**
	 * The current entry; its token is {@code null} when none is cached.
	 */
	Entry current() {
		return this.entry;
	}

	int generation() {
		return this.entry.generation();
	}

	private boolean compareAndSet(Entry expected, Entry next) {
		return ENTRY.compareAndSet(this, expected, next);
	}

	private Entry update(UnaryOperator<Entry> change) {
		while (true) {
			Entry current = this.entry;
			Entry next = change.apply(current);
			if (next == current || compareAndSet(current, next)) {
				return next;
			}
		}
	}

	/**
	 * Cache a fetched token, unless the generation has moved on or a token that lives
	 * longer is cached already (a late answer must not replace a newer one).
	 * @return whether the token is now cached
	 */
	boolean offer(int generation, AriaAccessToken token, TokenTiming.Schedule schedule) {
		Entry offered = new Entry(token, schedule, generation);
		Entry result = update((current) -> (current.generation() != generation
				|| (current.token() != null && current.schedule().expiresAt() > schedule.expiresAt())) ? current
						: offered);
		return result == offered;
	}

	/**
	 * Drop the given token if it is the cached one (compare-and-set: many reports of one
	 * rejected token drop it once).
	 * @return the dropped entry, or {@code null} if another token is cached
	 */
	@Nullable Entry drop(String tokenValue) {
		Entry current = this.entry;
		AriaAccessToken token = current.token();
		if (token == null || !token.tokenValue().equals(tokenValue)) {
			return null;
		}
		return compareAndSet(current, Entry.empty(current.generation())) ? current : null;
	}

	/**
	 * Empty the slot and start a new generation.
	 * @return the new generation
	 */
	int reset() {
		return update((current) -> Entry.empty(current.generation() + 1)).generation();
	}

	/**
	 * A cached token with its schedule, or an empty slot of a generation.
	 *
	 * @param token the token, {@code null} when the slot is empty
	 * @param schedule the token's schedule (all zero when empty, so never usable)
	 * @param generation the generation of the slot
	 */
	record Entry(@Nullable AriaAccessToken token, TokenTiming.Schedule schedule, int generation) {

		private static final TokenTiming.Schedule NONE = new TokenTiming.Schedule(Long.MIN_VALUE, Long.MIN_VALUE,
				Long.MIN_VALUE);

		static Entry empty(int generation) {
			// A new instance each time: a compare-and-set must tell two empty slots
			// apart.
			return new Entry(null, NONE, generation);
		}

		@Override
		public String toString() {
			return "Entry[" + ((this.token != null) ? this.token.toString() : "empty") + ", generation="
					+ this.generation + "]";
		}

	}

}
