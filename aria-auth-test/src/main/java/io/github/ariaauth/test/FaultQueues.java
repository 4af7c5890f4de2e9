package io.github.ariaauth.test;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;

/**
 * Faults waiting to be served, one queue per {@link Endpoint}.
 */
final class FaultQueues {

	private final Map<Endpoint, Queue<Fault>> queues = new EnumMap<>(Endpoint.class);

	FaultQueues() {
		for (Endpoint endpoint : Endpoint.values()) {
			this.queues.put(endpoint, new ConcurrentLinkedQueue<>());
		}
	}

	void add(Endpoint endpoint, int count, Fault fault) {
		Queue<Fault> queue = queue(endpoint);
		for (int i = 0; i < count; i++) {
			queue.add(fault);
		}
	}

	@Nullable Fault poll(Endpoint endpoint) {
		return queue(endpoint).poll();
	}

	int pending(Endpoint endpoint) {
		return queue(endpoint).size();
	}

	void clear() {
		this.queues.values().forEach(Queue::clear);
	}

	private Queue<Fault> queue(Endpoint endpoint) {
		// Never null: the constructor gives every endpoint its queue.
		return Objects.requireNonNull(this.queues.get(endpoint));
	}

}
