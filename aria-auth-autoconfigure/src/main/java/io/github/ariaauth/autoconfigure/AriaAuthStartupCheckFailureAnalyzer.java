package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaAuthException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a failed token request during startup (only made when
 * {@code aria.auth.startup-check} is on).
 */
class AriaAuthStartupCheckFailureAnalyzer extends AbstractFailureAnalyzer<AriaAuthStartupCheckException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AriaAuthStartupCheckException startupCheck) {
		AriaAuthException cause = startupCheck.getFailure();
		String description = String
			.format("aria-auth could not obtain a token at startup for registration '%s' (aria.auth.startup-check is "
					+ "on):%n%n    %s%n", startupCheck.getRegistration(), cause.getMessage());
		String action = cause.getHint() + " To start without checking, set aria.auth.startup-check=false.";
		return new FailureAnalysis(description, action, cause);
	}

}
