package io.github.ariaauth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenListeners}: each listener hears every event, whatever the others
 * do, and a failing one is reported once at WARN.
 */
class TokenListenersTests {

	@Test
	void listenerThatThrowsDisturbsNeitherTheOthersNorTheCallerAndIsReportedOnce() {
		List<String> heard = new ArrayList<>();
		AriaTokenListener failing = new AriaTokenListener() {
			@Override
			public void tokenFetchFailed(AriaAuthException failure, Duration duration) {
				throw new IllegalStateException("listener bug");
			}
		};
		AriaTokenListener recording = new AriaTokenListener() {
			@Override
			public void tokenFetchFailed(AriaAuthException failure, Duration duration) {
				heard.add(duration.toString());
			}
		};
		TokenListeners listeners = new TokenListeners(List.of(failing, recording));
		Logger logger = (Logger) LoggerFactory.getLogger(AriaTokenManager.class);
		Level previous = logger.getLevel();
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		logger.addAppender(logs);
		logger.setLevel(Level.DEBUG);
		try {
			for (int i = 0; i < 3; i++) {
				listeners.notify((listener) -> listener.tokenFetchFailed(null, Duration.ofMillis(5)));
			}
		}
		finally {
			logger.detachAppender(logs);
			logger.setLevel(previous);
		}

		assertThat(heard).hasSize(3);
		assertThat(logs.list).filteredOn((event) -> event.getLevel() == Level.WARN)
			.singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).contains(failing.getClass().getName()));
		assertThat(logs.list).filteredOn((event) -> event.getLevel() == Level.DEBUG).hasSize(2);
	}

}
