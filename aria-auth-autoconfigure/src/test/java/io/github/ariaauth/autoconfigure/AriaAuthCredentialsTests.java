package io.github.ariaauth.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Credentials that are missing, blank or still a {@code ${...}} placeholder stop startup
 * with a message naming the property and the environment variable to set, never the
 * secret; the startup line names what is in use.
 */
@ExtendWith(OutputCaptureExtension.class)
class AriaAuthCredentialsTests {

	private static final String SECRET = "s3cret-never-shown";

	// Without the process environment, so that an ARIA_AUTH_* variable of whoever runs
	// the tests changes nothing.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class))
		.withPropertyValues("aria.auth.region=us");

	@Test
	void unresolvedPlaceholderSecretFailsNamingPropertyAndVariable() {
		this.contextRunner
			.withPropertyValues("aria.auth.client-id=id", "aria.auth.client-secret=${ARIA_AUTH_CLIENT_SECRET}")
			.run((context) -> {
				assertThat(context).hasFailed();
				AriaAuthConfigurationException failure = configurationFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("aria.auth.client-secret");
				assertThat(failure.getValue()).isEqualTo("${ARIA_AUTH_CLIENT_SECRET} (unresolved placeholder)");
				assertThat(failure.getExpected()).isEqualTo(
						"the Billie service account key by setting the environment variable ARIA_AUTH_CLIENT_SECRET");
			});
	}

	@Test
	void unresolvedPlaceholderIdFailsAndTheSecretIsNotShown() {
		this.contextRunner
			.withPropertyValues("aria.auth.client-id=${ARIA_AUTH_CLIENT_ID}", "aria.auth.client-secret=" + SECRET)
			.run((context) -> {
				AriaAuthConfigurationException failure = configurationFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("aria.auth.client-id");
				assertThat(failure.getExpected()).endsWith("environment variable ARIA_AUTH_CLIENT_ID");
				assertThat(failure.getMessage()).doesNotContain(SECRET);
			});
	}

	@Test
	void placeholderOfAPropertyNameNamesItsEnvironmentForm() {
		this.contextRunner.withPropertyValues("aria.auth.client-id=id", "aria.auth.client-secret= ${billing.aria-key} ")
			.run((context) -> {
				AriaAuthConfigurationException failure = configurationFailure(context.getStartupFailure());
				assertThat(failure.getValue()).isEqualTo("${billing.aria-key} (unresolved placeholder)");
				assertThat(failure.getExpected()).endsWith("environment variable BILLING_ARIA_KEY");
			});
	}

	@Test
	void resolvedPlaceholdersAreUsed() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("variables",
						Map.of("ARIA_AUTH_CLIENT_ID", "id-from-env", "ARIA_AUTH_CLIENT_SECRET", SECRET))))
			.withPropertyValues("aria.auth.client-id=${ARIA_AUTH_CLIENT_ID}",
					"aria.auth.client-secret=${ARIA_AUTH_CLIENT_SECRET}")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void bothMissingAreNamedTogetherWithTheirConventionalVariables() {
		this.contextRunner.run((context) -> {
			AriaAuthConfigurationException failure = configurationFailure(context.getStartupFailure());
			assertThat(failure.getProperty()).isEqualTo("aria.auth.client-id and aria.auth.client-secret");
			assertThat(failure.getValue()).isEqualTo("(not set) and (not set)");
			assertThat(failure.getExpected()).isEqualTo("the Billie service account ID and key, for example from the "
					+ "environment variables ARIA_AUTH_CLIENTID and ARIA_AUTH_CLIENTSECRET with "
					+ "client-id: ${ARIA_AUTH_CLIENTID} and client-secret: ${ARIA_AUTH_CLIENTSECRET} in application.yml");
		});
	}

	@Test
	void applicationWithUnsetVariablesStopsAtStartupNamingBothPropertiesAndVariables(CapturedOutput output) {
		StandardEnvironment withoutVariables = new StandardEnvironment();
		withoutVariables.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(EmptyApplication.class).bannerMode(Banner.Mode.OFF)
				.web(WebApplicationType.NONE)
				.environment(withoutVariables)
				.properties("aria.auth.region=us", "aria.auth.client-id=${ARIA_AUTH_CLIENT_ID}",
						"aria.auth.client-secret=${ARIA_AUTH_CLIENT_SECRET}")
				.run());

		assertThat(output).contains("APPLICATION FAILED TO START",
				"Property: aria.auth.client-id and aria.auth.client-secret",
				"Value: ${ARIA_AUTH_CLIENT_ID} (unresolved placeholder) and ${ARIA_AUTH_CLIENT_SECRET} (unresolved placeholder)",
				"Set aria.auth.client-id and aria.auth.client-secret to the Billie service account ID and key by setting "
						+ "the environment variables ARIA_AUTH_CLIENT_ID and ARIA_AUTH_CLIENT_SECRET");
		assertThat(output).doesNotContain("client id ${");
	}

	@Test
	void startupLineNamesRegionAndStageWhenTheyPickAnEndpoint(CapturedOutput output) {
		try (ConfigurableApplicationContext context = application("aria.auth.region=aus", "aria.auth.stage=current",
				"aria.auth.api-base-url=https://billie.example.com")) {
			assertThat(output).contains("aria-auth: region aus, stage current, token endpoint "
					+ "https://kauth.current.stage.aus.ariasystems.net/realms/aria/protocol/openid-connect/token, "
					+ "API https://billie.example.com, client id id");
		}
	}

	@Test
	void startupLineNamesOnlyTheUrlsWhenBothAreSet(CapturedOutput output) {
		try (ConfigurableApplicationContext context = application("aria.auth.region=us",
				"aria.auth.token-uri=https://auth.example.com/token",
				"aria.auth.api-base-url=https://billie.example.com")) {
			assertThat(output).contains(
					"aria-auth: token endpoint https://auth.example.com/token, API https://billie.example.com, client id id");
			assertThat(output).doesNotContain("region us").doesNotContain(SECRET);
		}
	}

	private static ConfigurableApplicationContext application(String... properties) {
		return new SpringApplicationBuilder(EmptyApplication.class).bannerMode(Banner.Mode.OFF)
			.web(WebApplicationType.NONE)
			.properties("aria.auth.client-id=id", "aria.auth.client-secret=" + SECRET)
			.properties(properties)
			.run();
	}

	private static AriaAuthConfigurationException configurationFailure(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof AriaAuthConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("cause of %s", failure).isInstanceOf(AriaAuthConfigurationException.class);
		return (AriaAuthConfigurationException) cause;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EmptyApplication {

	}

}
