package io.github.ariaauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move by hand.
 */
public final class MutableClock extends Clock {

	private final Instant start;

	private volatile Instant now;

	public MutableClock(Instant start) {
		this.start = start;
		this.now = start;
	}

	public static MutableClock startingAt(String instant) {
		return new MutableClock(Instant.parse(instant));
	}

	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	public void set(Instant instant) {
		this.now = instant;
	}

	public Duration elapsed() {
		return Duration.between(this.start, this.now);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public long millis() {
		return this.now.toEpochMilli();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
