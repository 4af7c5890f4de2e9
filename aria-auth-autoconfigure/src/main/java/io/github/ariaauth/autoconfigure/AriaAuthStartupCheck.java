package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaRegistrations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Fetches a token once every bean exists, so that bad credentials stop startup instead of
 * the first request.
 */
class AriaAuthStartupCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(AriaAuthStartupCheck.class);

	private final AriaRegistrations registrations;

	AriaAuthStartupCheck(AriaRegistrations registrations) {
		this.registrations = registrations;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : this.registrations.names()) {
			String clientNo;
			try {
				clientNo = this.registrations.tokenManager(name).getToken().claims().clientNo();
			}
			catch (AriaAuthException ex) {
				throw new AriaAuthStartupCheckException(name, ex);
			}
			logger.info("aria-auth startup check passed: obtained a token for client_no " + clientNo
					+ ((this.registrations.names().size() > 1) ? " (registration " + name + ")" : ""));
		}
	}

}
