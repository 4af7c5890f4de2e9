package io.github.ariaauth.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move by hand; safe to read from many threads.
 */
final class SimulatedClock extends Clock {

	static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private volatile long millis = START.toEpochMilli();

	void advance(Duration duration) {
		this.millis += duration.toMillis();
	}

	Duration elapsed() {
		return Duration.ofMillis(this.millis - START.toEpochMilli());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

	@Override
	public long millis() {
		return this.millis;
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(this.millis);
	}

}
