package io.github.ariaauth.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.github.ariaauth.AriaClientCredentials;
import io.github.ariaauth.AriaClientCredentialsProvider;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client-secret-file} at the top level and per registration, the credentials bean,
 * and a secret changed in the bound properties (as a Spring Cloud refresh does), against
 * a token endpoint that accepts only the keys valid at the moment.
 */
@ExtendWith(OutputCaptureExtension.class)
class AriaClientSecretFileTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class));

	@TempDir
	private Path dir;

	@Test
	void topLevelSecretFileIsReadTrimmedAndReadAgainWhenTheEndpointRejectsIt(CapturedOutput output) throws Exception {
		Path file = this.dir.resolve("client-secret");
		Files.writeString(file, "key-A\n");
		try (RotatingTokenEndpoint endpoint = new RotatingTokenEndpoint(this.clock, "key-A")) {
			this.contextRunner
				.withPropertyValues("aria.auth.client-id=svc", "aria.auth.client-secret-file=" + file,
						"aria.auth.token-uri=" + endpoint.tokenUri(), "aria.auth.api-base-url=http://127.0.0.1:1")
				.run((context) -> {
					AriaTokenManager manager = context.getBean(AriaTokenManager.class);
					manager.getToken();
					Files.writeString(file, "key-B\n");
					endpoint.validKeys("key-B");
					manager.invalidate(manager.getCachedToken().orElseThrow());

					manager.getToken();

					assertThat(endpoint.requests()).extracting(RotatingTokenEndpoint.Request::key)
						.containsExactly("key-A", "key-A", "key-B");
				});
			assertThat(output).doesNotContain("key-A").doesNotContain("key-B");
		}
	}

	@Test
	void namedRegistrationReadsItsOwnFileAndTheCredentialsBeanServesTheRegistrationsItKnows() throws Exception {
		Path file = this.dir.resolve("emea");
		Files.writeString(file, "key-emea");
		try (RotatingTokenEndpoint endpoint = new RotatingTokenEndpoint(this.clock, "key-emea")) {
			endpoint.validKeys("key-emea", "key-from-vault");
			String prefix = "aria.auth.registrations.";
			this.contextRunner.withUserConfiguration(VaultConfiguration.class)
				.withPropertyValues(prefix + "emea.client-id=svc", prefix + "emea.client-secret-file=" + file,
						prefix + "emea.token-uri=" + endpoint.tokenUri(),
						prefix + "emea.api-base-url=http://127.0.0.1:1", prefix + "apac.client-id=svc2",
						prefix + "apac.client-secret=configured-but-overridden",
						prefix + "apac.token-uri=" + endpoint.tokenUri(),
						prefix + "apac.api-base-url=http://127.0.0.1:1")
				.run((context) -> {
					AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
					assertThat(registrations.names()).containsExactly("emea", "apac");
					registrations.tokenManager("emea").getToken();
					registrations.tokenManager("apac").getToken();
					assertThat(endpoint.requests()).extracting(RotatingTokenEndpoint.Request::key)
						.containsExactly("key-emea", "key-from-vault");
				});
		}
	}

	@Test
	void topLevelSecretFileWithNamedRegistrationsAsksForTheDefaultRegistration() throws Exception {
		Path file = this.dir.resolve("client-secret");
		Files.writeString(file, "key-A");
		// Only a secret file at the top level is a default registration half configured,
		// not one nobody asked for: its missing client id stops startup.
		this.contextRunner
			.withPropertyValues("aria.auth.region=us", "aria.auth.client-secret-file=" + file,
					"aria.auth.registrations.emea.region=us", "aria.auth.registrations.emea.client-id=svc2",
					"aria.auth.registrations.emea.client-secret=k2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(AriaAuthConfigurationException.class)
				.hasMessageContaining("for aria.auth.client-id;"));
	}

	@Test
	void secretChangedInTheBoundPropertiesIsUsedForTheNextTokenRequest() throws Exception {
		try (RotatingTokenEndpoint endpoint = new RotatingTokenEndpoint(this.clock, "key-A")) {
			this.contextRunner
				.withPropertyValues("aria.auth.client-id=svc", "aria.auth.client-secret=key-A",
						"aria.auth.token-uri=" + endpoint.tokenUri(), "aria.auth.api-base-url=http://127.0.0.1:1")
				.run((context) -> {
					AriaTokenManager manager = context.getBean(AriaTokenManager.class);
					manager.getToken();
					endpoint.validKeys("key-A", "key-B");
					context.getBean(AriaAuthProperties.class).setClientSecret("key-B");
					manager.invalidate(manager.getCachedToken().orElseThrow());

					manager.getToken();

					assertThat(endpoint.requests()).extracting(RotatingTokenEndpoint.Request::key)
						.containsExactly("key-A", "key-B");
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class VaultConfiguration {

		@Bean
		AriaClientCredentialsProvider vault() {
			return (registrationId) -> "apac".equals(registrationId)
					? AriaClientCredentials.clientSecret("key-from-vault") : null;
		}

	}

}
