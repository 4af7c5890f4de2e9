package com.example.billing;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The quick start's {@code application.yml} reads the credentials from environment
 * variables: without them the application stops at startup and says which properties and
 * variables to set, instead of starting with the placeholder text as its credentials.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingCredentialsTests {

	@Test
	void stopsAtStartupNamingThePropertiesAndVariablesWhenTheVariablesAreUnset(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(Map.of()));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"Property: aria.auth.client-id and aria.auth.client-secret",
				"environment variables ARIA_AUTH_CLIENTID and ARIA_AUTH_CLIENTSECRET");
	}

	@Test
	void startsWhenTheVariablesAreSet() {
		try (ConfigurableApplicationContext context = run(
				Map.of("ARIA_AUTH_CLIENTID", "billing-service", "ARIA_AUTH_CLIENTSECRET", "not-a-real-key"))) {
			assertThat(context.getBean(BillingService.class)).isNotNull();
		}
	}

	/**
	 * Runs the application with the process environment minus any ARIA_AUTH_* variable,
	 * plus the given ones.
	 */
	private static ConfigurableApplicationContext run(Map<String, Object> variables) {
		Map<String, Object> environment = new HashMap<>(System.getenv());
		environment.keySet().removeIf((name) -> name.startsWith("ARIA_AUTH_"));
		environment.putAll(variables);
		StandardEnvironment applicationEnvironment = new StandardEnvironment();
		applicationEnvironment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		SpringApplication application = new SpringApplication(BillingApplication.class);
		application.setEnvironment(applicationEnvironment);
		return application.run();
	}

}
