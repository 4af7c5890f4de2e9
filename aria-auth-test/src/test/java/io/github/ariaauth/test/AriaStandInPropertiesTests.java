package io.github.ariaauth.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AriaStandInProperties}, inside a Spring test context.
 */
@SpringJUnitConfig(AriaStandInPropertiesTests.EmptyConfiguration.class)
class AriaStandInPropertiesTests {

	@RegisterExtension
	static final AriaStandInExtension aria = new AriaStandInExtension(
			AriaStandIn.builder().clientId("props-client").clientSecret("props-secret"));

	@DynamicPropertySource
	static void ariaProperties(DynamicPropertyRegistry registry) {
		AriaStandInProperties.register(registry, aria);
	}

	@Autowired
	private Environment environment;

	@Test
	void springEnvironmentPointsAtStandIn(AriaStandIn standIn) {
		assertThat(this.environment.getProperty("aria.auth.token-uri"))
			.isEqualTo("http://127.0.0.1:" + standIn.port() + "/realms/aria/protocol/openid-connect/token");
		assertThat(this.environment.getProperty("aria.auth.api-base-url"))
			.isEqualTo("http://127.0.0.1:" + standIn.port());
		assertThat(this.environment.getProperty("aria.auth.client-id")).isEqualTo("props-client");
		assertThat(this.environment.getProperty("aria.auth.client-secret")).isEqualTo("props-secret");
	}

	@Test
	void registersPropertiesOfGivenStandIn(AriaStandIn standIn) {
		Map<String, Object> properties = new LinkedHashMap<>();
		AriaStandInProperties.register((name, value) -> properties.put(name, value.get()), standIn);
		assertThat(properties).containsExactly(Map.entry("aria.auth.token-uri", standIn.tokenUri()),
				Map.entry("aria.auth.api-base-url", standIn.apiBaseUrl()),
				Map.entry("aria.auth.client-id", "props-client"), Map.entry("aria.auth.client-secret", "props-secret"));
	}

	@Test
	void registersPropertiesOfGivenStandInForANamedRegistration(AriaStandIn standIn) {
		Map<String, Object> properties = new LinkedHashMap<>();
		AriaStandInProperties.register((name, value) -> properties.put(name, value.get()), "emea-portal", standIn);
		String prefix = "aria.auth.registrations.emea-portal.";
		assertThat(properties).containsExactly(Map.entry(prefix + "token-uri", standIn.tokenUri()),
				Map.entry(prefix + "api-base-url", standIn.apiBaseUrl()),
				Map.entry(prefix + "client-id", "props-client"), Map.entry(prefix + "client-secret", "props-secret"));
	}

	@Test
	void aRegistrationNameAriaAuthWouldRefuseFailsWhereItIsWritten(AriaStandIn standIn) {
		assertThatIllegalArgumentException().isThrownBy(() -> AriaStandInProperties.register((name, value) -> {
		}, "EMEA", standIn)).withMessageContaining("'EMEA'").withMessageContaining("aria.auth.registrations");
		assertThatIllegalArgumentException().isThrownBy(() -> new AriaStandInExtension("-emea"))
			.withMessageContaining("'-emea'");
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
