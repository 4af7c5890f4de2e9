package io.github.ariaauth;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells the application's listeners what happened, each in isolation: a listener that
 * throws is reported once at WARN (then at DEBUG) and never disturbs the core or the
 * other listeners. Called only after the core has settled its own state.
 */
final class TokenListeners {

	private static final Log logger = LogFactory.getLog(AriaTokenManager.class);

	private final List<AriaTokenListener> listeners;

	private final Set<AriaTokenListener> failed = ConcurrentHashMap.newKeySet();

	TokenListeners(List<AriaTokenListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	void notify(Consumer<AriaTokenListener> event) {
		for (AriaTokenListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (Throwable ex) {
				if (this.failed.add(listener)) {
					logger.warn("aria-auth token listener " + listener.getClass().getName()
							+ " failed; token handling is not affected (further failures of this listener are "
							+ "logged at DEBUG)", ex);
				}
				else if (logger.isDebugEnabled()) {
					logger.debug("aria-auth token listener " + listener.getClass().getName() + " failed", ex);
				}
			}
		}
	}

}
