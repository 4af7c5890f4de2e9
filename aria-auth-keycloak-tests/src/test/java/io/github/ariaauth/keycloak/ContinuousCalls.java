package io.github.ariaauth.keycloak;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.ariaauth.keycloak.Billie.Via;
import org.jspecify.annotations.Nullable;

/**
 * One caller per client, each calling the API again and again with a short pause,
 * recording every call.
 */
final class ContinuousCalls implements AutoCloseable {

	private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

	private final ExecutorService callers = Executors.newFixedThreadPool(Via.values().length);

	private volatile boolean running = true;

	ContinuousCalls(Billie billie, Duration pause) {
		for (Via via : Via.values()) {
			this.callers.execute(() -> {
				while (this.running) {
					Instant startedAt = Instant.now();
					try {
						String tokenId = billie.ask(via).get("token_id");
						this.calls.add(new Call(via, startedAt, Instant.now(), tokenId, null));
					}
					catch (RuntimeException ex) {
						this.calls.add(new Call(via, startedAt, Instant.now(), null, ex));
					}
					LockSupport.parkNanos(pause.toNanos());
				}
			});
		}
	}

	List<Call> calls() {
		return List.copyOf(this.calls);
	}

	List<Call> startedBefore(Instant moment) {
		return this.calls.stream().filter((call) -> call.startedAt().isBefore(moment)).toList();
	}

	List<Call> startedAfter(Instant moment) {
		return this.calls.stream().filter((call) -> call.startedAt().isAfter(moment)).toList();
	}

	Optional<Call> firstSuccessAfter(Instant moment) {
		return startedAfter(moment).stream()
			.filter(Call::succeeded)
			.min((first, second) -> first.endedAt().compareTo(second.endedAt()));
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.callers.shutdown();
		if (!this.callers.awaitTermination(60, TimeUnit.SECONDS)) {
			this.callers.shutdownNow();
		}
	}

	/**
	 * One call: through which client, when, and the id of the token the API accepted or
	 * what the caller got.
	 *
	 * @param via the client
	 * @param startedAt when the call started
	 * @param endedAt when it returned or threw
	 * @param tokenId the {@code jti} of the token the API accepted
	 * @param failure what the call threw
	 */
	record Call(Via via, Instant startedAt, Instant endedAt, @Nullable String tokenId,
			@Nullable RuntimeException failure) {

		boolean succeeded() {
			return this.failure == null;
		}

	}

}
