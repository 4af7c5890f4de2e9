package io.github.ariaauth.autoconfigure;

import java.net.URI;

import io.github.ariaauth.AriaAuthException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AriaAuthStartupCheckFailureAnalyzer}.
 */
class AriaAuthStartupCheckFailureAnalyzerTests {

	private final AriaAuthStartupCheckFailureAnalyzer analyzer = new AriaAuthStartupCheckFailureAnalyzer();

	private final AriaAuthException failure = new AriaAuthException(URI.create("https://auth.example.com/token"), 401,
			"invalid_client", null, "Check aria.auth.client-id.", null, null);

	@Test
	void explainsAFailedStartupCheck() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("ariaAuthStartupCheck", "failed",
				new AriaAuthStartupCheckException("aria", this.failure)));

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("could not obtain a token at startup for registration 'aria'",
				"HTTP 401");
		assertThat(analysis.getAction()).contains("Check aria.auth.client-id.", "aria.auth.startup-check=false");
	}

	@Test
	void leavesATokenFailureOfTheApplicationsOwnStartupCodeToOthers() {
		assertThat(this.analyzer.analyze(new IllegalStateException("runner failed", this.failure))).isNull();
	}

}
