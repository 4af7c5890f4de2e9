package io.github.ariaauth;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * What the token core logs (under {@link AriaTokenManager}'s logger) while an action
 * runs, at every level.
 */
final class CoreLogs {

	private CoreLogs() {
	}

	static List<ILoggingEvent> during(Runnable action) {
		Logger logger = (Logger) LoggerFactory.getLogger(AriaTokenManager.class);
		Level previous = logger.getLevel();
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		logger.setLevel(Level.DEBUG);
		try {
			action.run();
		}
		finally {
			logger.detachAppender(appender);
			logger.setLevel(previous);
		}
		return List.copyOf(appender.list);
	}

	static List<String> at(Level level, List<ILoggingEvent> events) {
		return events.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

}
