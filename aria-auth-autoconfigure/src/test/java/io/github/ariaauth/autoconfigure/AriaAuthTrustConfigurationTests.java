package io.github.ariaauth.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens and secrets travel over https only (plain http to this machine excepted), so a
 * plain http URL for any other host stops startup with a message that names the property,
 * the value and what would be valid.
 */
class AriaAuthTrustConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class))
		.withPropertyValues("aria.auth.client-id=svc", "aria.auth.client-secret=key", "aria.auth.region=us");

	@ParameterizedTest
	@ValueSource(strings = { "token-uri", "api-base-url" })
	void startupFailsWithHelpfulMessageForPlainHttpToARemoteHost(String property) {
		String value = "http://example.com/realms/aria/protocol/openid-connect/token";
		this.contextRunner.withPropertyValues("aria.auth." + property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(AriaAuthConfigurationException.class)
				.hasMessageContaining("aria.auth." + property)
				.hasMessageContaining(value)
				.hasMessageContaining("https");
			AriaAuthConfigurationException failure = (AriaAuthConfigurationException) rootCause(
					context.getStartupFailure());
			var analysis = new AriaAuthConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("aria.auth." + property, value);
			assertThat(analysis.getAction()).contains(failure.getExpected(), "localhost");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080/token", "http://127.0.0.1:8080/token", "http://[::1]:8080/token",
			"https://example.com/token" })
	void startsWithHttpsOrLoopbackHttp(String value) {
		this.contextRunner.withPropertyValues("aria.auth.token-uri=" + value)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
