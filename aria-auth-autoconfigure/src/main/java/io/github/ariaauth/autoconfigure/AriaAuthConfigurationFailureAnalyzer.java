package io.github.ariaauth.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an invalid {@code aria.auth.*} property at startup.
 */
class AriaAuthConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<AriaAuthConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AriaAuthConfigurationException cause) {
		if (cause instanceof AriaAuthUnboundPropertyException) {
			String description = String.format(
					"aria-auth is misconfigured: a key binds to nothing:%n%n    Property: %s%n    Origin: %s%n",
					cause.getProperty(), cause.getValue());
			String expected = cause.getExpected();
			String action = "Remove or rename " + cause.getProperty() + ": " + expected
					+ (expected.endsWith("?") ? "" : ".");
			return new FailureAnalysis(description, action, cause);
		}
		String description = String.format("aria-auth is misconfigured:%n%n    Property: %s%n    Value: %s%n",
				cause.getProperty(), cause.getValue());
		String action = String.format("Set %s to %s, or set aria.auth.enabled=false to turn aria-auth off.",
				cause.getProperty(), cause.getExpected());
		return new FailureAnalysis(description, action, cause);
	}

}
