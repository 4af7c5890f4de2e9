package io.github.ariaauth.autoconfigure;

import java.util.List;
import java.util.Map;

import io.github.ariaauth.TestTokens;
import io.github.ariaauth.actuate.AriaAuthSanitizingFunction;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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
	void everyNamedRegistrationsSecretIsMaskedInConfigpropsAndEnv() {
		// Named registrations build their clients too.
		this.contextRunner.withConfiguration(FakeAria.CLIENTS)
			.withPropertyValues("aria.auth.registrations.emea.region=cph",
					"aria.auth.registrations.emea.client-id=emea-client",
					"aria.auth.registrations.emea.client-secret=emea-secret-never-shown")
			.run((context) -> {
				List<SanitizingFunction> ours = List
					.of(context.getBean("ariaAuthSanitizingFunction", SanitizingFunction.class));
				assertThat(configprops(context, ours)).contains("emea-client")
					.doesNotContain("emea-secret-never-shown", TestTokens.CLIENT_SECRET);
				assertThat(env(context, ours)).contains("emea-client")
					.doesNotContain("emea-secret-never-shown", TestTokens.CLIENT_SECRET);
				assertThat(configprops(context, List.of())).contains("emea-secret-never-shown");
			});
	}

	@Test
	void everySpellingOfAClientSecretKeyIsMasked() {
		AriaAuthSanitizingFunction function = new AriaAuthSanitizingFunction(List::of);
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource("systemEnvironment",
				Map.of());
		for (String key : List.of("ARIA_AUTH_CLIENTSECRET", "ARIA_AUTH_CLIENT_SECRET",
				"ARIA_AUTH_REGISTRATIONS_SECOND_CLIENTSECRET", "ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_SECRET",
				"aria.auth.client-secret", "aria.auth.clientSecret", "aria.auth.client_secret",
				"aria.auth.registrations.emea-portal.client-secret",
				"aria.auth.registrations[emea-portal].clientSecret", "clientSecret")) {
			assertThat(function.apply(new SanitizableData(environment, key, "value")).getValue()).as(key)
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
		}
		for (String key : List.of("ARIA_AUTH_CLIENTID", "aria.auth.client-id", "aria.auth.token-uri",
				"ARIA_AUTH_CLIENTSECRETS_PATH")) {
			assertThat(function.apply(new SanitizableData(environment, key, "value")).getValue()).as(key)
				.isEqualTo("value");
		}
	}

	@Test
	void aValueHoldingASecretInUseIsMaskedWhateverItsKey() {
		AriaAuthSanitizingFunction function = new AriaAuthSanitizingFunction(() -> List.of("", "vault-secret"));
		assertThat(function.apply(new SanitizableData(null, "MY_VAULT_VALUE", "vault-secret")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(function
			.apply(new SanitizableData(null, "SPRING_APPLICATION_JSON", "{\"client-secret\":\"vault-secret\"}"))
			.getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
		// A blank secret (a registration that has none) masks nothing.
		assertThat(function.apply(new SanitizableData(null, "OTHER", "other")).getValue()).isEqualTo("other");
		assertThat(function.apply(new SanitizableData(null, "NUMBER", 42)).getValue()).isEqualTo(42);
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
