package io.github.ariaauth.faults;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.logging.LogManager;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Captures every log event (Logback, and java.util.logging through the SLF4J bridge) at a
 * given level, with the console appenders detached meanwhile so that a TRACE run does not
 * flood the build output.
 */
final class CapturedLogs implements AutoCloseable {

	private final Logger root;

	private final Level previousLevel;

	private final java.util.logging.Level previousJulLevel;

	private final java.util.logging.Handler[] previousJulHandlers;

	private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private CapturedLogs(Level level) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		this.root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		this.previousLevel = this.root.getLevel();
		for (Iterator<Appender<ILoggingEvent>> it = this.root.iteratorForAppenders(); it.hasNext();) {
			this.detached.add(it.next());
		}
		this.detached.forEach(this.root::detachAppender);
		this.appender.setContext(context);
		this.appender.start();
		this.root.addAppender(this.appender);
		this.root.setLevel(level);
		java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
		this.previousJulLevel = julRoot.getLevel();
		this.previousJulHandlers = julRoot.getHandlers();
		if (level.toInt() <= Level.DEBUG.toInt()) {
			SLF4JBridgeHandler.removeHandlersForRootLogger();
			SLF4JBridgeHandler.install();
			julRoot.setLevel(java.util.logging.Level.ALL);
		}
	}

	/** Capture everything, from every logger. */
	static CapturedLogs atTrace() {
		return new CapturedLogs(Level.TRACE);
	}

	static CapturedLogs at(Level level) {
		return new CapturedLogs(level);
	}

	/**
	 * Every captured event as text: level, logger, message, and the full stack trace of
	 * its exception.
	 */
	List<String> lines() {
		List<String> lines = new ArrayList<>();
		synchronized (this.appender) {
			for (ILoggingEvent event : this.appender.list) {
				String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
				if (event.getThrowableProxy() != null) {
					line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
				}
				lines.add(line);
			}
		}
		return lines;
	}

	/** The messages of one logger at one level. */
	List<String> messages(Class<?> logger, Level level) {
		List<String> messages = new ArrayList<>();
		synchronized (this.appender) {
			for (ILoggingEvent event : this.appender.list) {
				if (event.getLoggerName().equals(logger.getName()) && event.getLevel().equals(level)) {
					messages.add(event.getFormattedMessage());
				}
			}
		}
		return messages;
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.appender.stop();
		this.detached.forEach(this.root::addAppender);
		this.root.setLevel(this.previousLevel);
		java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
		julRoot.setLevel(this.previousJulLevel);
		for (java.util.logging.Handler handler : julRoot.getHandlers()) {
			julRoot.removeHandler(handler);
		}
		for (java.util.logging.Handler handler : this.previousJulHandlers) {
			julRoot.addHandler(handler);
		}
	}

}
