package io.github.ariaauth.autoconfigure;

import java.util.List;

import io.github.ariaauth.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client secret never shows in the actuator's {@code configprops} or {@code env}
 * output, even when the application asks the endpoints to show values.
 */
class AriaAuthActuatorSanitizingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class))
		.withPropertyValues("aria.auth.region=us", "aria.auth.client-id=" + TestTokens.CLIENT_ID,
				"aria.auth.client-secret=" + TestTokens.CLIENT_SECRET);

	@Test
	void clientSecretIsMaskedInConfigpropsAndEnvEvenWhenValuesAreShown() {
		this.contextRunner.run((context) -> {
			List<SanitizingFunction> ours = List
				.of(context.getBean("ariaAuthSanitizingFunction", SanitizingFunction.class));
			assertThat(configprops(context, ours)).contains(TestTokens.CLIENT_ID)
				.doesNotContain(TestTokens.CLIENT_SECRET);
			assertThat(env(context, ours)).contains(TestTokens.CLIENT_ID).doesNotContain(TestTokens.CLIENT_SECRET);
			// Without it, Boot shows the secret once values are shown: the check above
			// can fail.
			assertThat(configprops(context, List.of())).contains(TestTokens.CLIENT_SECRET);
			assertThat(env(context, List.of())).contains(TestTokens.CLIENT_SECRET);
		});
	}

	@Test
	void backsOffWithoutTheActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean("ariaTokenManager")
				.doesNotHaveBean("ariaAuthSanitizingFunction"));
	}

	private static String configprops(ApplicationContext context, List<SanitizingFunction> functions) {
		ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(functions,
				Show.ALWAYS);
		endpoint.setApplicationContext(context);
		return JSON.writeValueAsString(endpoint.configurationPropertiesWithPrefix("aria.auth"));
	}

	private static String env(ApplicationContext context, List<SanitizingFunction> functions) {
		return JSON.writeValueAsString(
				new EnvironmentEndpoint(context.getEnvironment(), functions, Show.ALWAYS).environment(null));
	}

}
