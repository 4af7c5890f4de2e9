package io.github.ariaauth.benchmarks;

import java.util.Arrays;

/**
 * Caller latencies in nanoseconds, summarised as percentiles in milliseconds.
 */
final class Latencies {

	private long[] values = new long[1024];

	private int size;

	void add(long nanos) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = nanos;
	}

	void addAll(Latencies other) {
		for (int i = 0; i < other.size; i++) {
			add(other.values[i]);
		}
	}

	int count() {
		return this.size;
	}

	long countAbove(long nanos) {
		return Arrays.stream(this.values, 0, this.size).filter((value) -> value > nanos).count();
	}

	/** The percentile in milliseconds (nearest rank), or 0 without samples. */
	double percentileMillis(double percentile) {
		if (this.size == 0) {
			return 0;
		}
		long[] sorted = Arrays.copyOf(this.values, this.size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percentile / 100.0 * this.size);
		return sorted[Math.max(0, Math.min(this.size - 1, rank - 1))] / 1_000_000.0;
	}

	double maxMillis() {
		return percentileMillis(100);
	}

}
