package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.TestTokens;
import io.github.ariaauth.autoconfigure.AriaMultipleRegistrationsTests.Aria;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What aria-auth says about a named registration names it and its own properties, never
 * the default registration's.
 */
@ExtendWith(OutputCaptureExtension.class)
class AriaRegistrationMessagesTests {

	private static final String WRONG_SECRET = "emea-wrong-secret";

	private final Aria aria = new Aria("aria-client", "aria-secret");

	private final MockWebServer rejecting = new MockWebServer();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() throws Exception {
		this.rejecting.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return TestTokens.json(401, "{\"error\":\"invalid_client\"}");
			}
		});
		this.rejecting.start();
		this.contextRunner = new ApplicationContextRunner().withConfiguration(FakeAria.CLIENTS)
			.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
			.withPropertyValues(this.aria.properties("aria.auth."))
			.withPropertyValues("aria.auth.registrations.emea-portal.client-id=emea-client",
					"aria.auth.registrations.emea-portal.client-secret=" + WRONG_SECRET,
					"aria.auth.registrations.emea-portal.token-uri=" + this.rejecting.url("/token"),
					"aria.auth.registrations.emea-portal.api-base-url=" + this.aria.apiBaseUrl());
	}

	@AfterEach
	void stop() {
		this.rejecting.close();
		this.aria.close();
	}

	@Test
	void aWrongSecretIsReportedWithTheRegistrationsNameAndItsOwnPropertiesAndVariables(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			AriaAuthException failure = catchThrowableOfType(AriaAuthException.class,
					() -> context.getBean(AriaRegistrations.class).tokenManager("emea-portal").getToken());

			assertThat(failure.getHint())
				.contains("aria.auth.registrations.emea-portal.client-id",
						"aria.auth.registrations.emea-portal.client-secret",
						"ARIA_AUTH_REGISTRATIONS_EMEAPORTAL_CLIENTSECRET",
						"aria.auth.registrations.emea-portal.client-authentication-method")
				.doesNotContain("aria.auth.client-id");
		});
		assertThat(output).contains("WARN")
			.contains("Aria registration 'emea-portal': Aria token request to " + this.rejecting.url("/token"))
			.contains("Check aria.auth.registrations.emea-portal.client-id")
			.doesNotContain("aria.auth.client-id")
			.doesNotContain(WRONG_SECRET);
	}

	@Test
	void theStartupCheckReportNamesTheRegistrationAndItsOwnProperties() {
		this.contextRunner.withPropertyValues("aria.auth.startup-check=true").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new AriaAuthStartupCheckFailureAnalyzer().analyze(context.getStartupFailure());

			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("for registration 'emea-portal'")
				.doesNotContain(WRONG_SECRET);
			assertThat(analysis.getAction())
				.contains("aria.auth.registrations.emea-portal.client-secret",
						"ARIA_AUTH_REGISTRATIONS_EMEAPORTAL_CLIENTSECRET")
				.doesNotContain("aria.auth.client-id");
		});
	}

	@Test
	void theDefaultRegistrationsHintsKeepTheirTopLevelProperties() {
		this.contextRunner.withPropertyValues("aria.auth.token-uri=" + this.rejecting.url("/token")).run((context) -> {
			AriaAuthException failure = catchThrowableOfType(AriaAuthException.class,
					() -> context.getBean(AriaRegistrations.class).tokenManager("aria").getToken());

			assertThat(failure.getHint()).startsWith("Check aria.auth.client-id and aria.auth.client-secret")
				.contains("ARIA_AUTH_CLIENTSECRET")
				.doesNotContain("registrations");
		});
	}

}
