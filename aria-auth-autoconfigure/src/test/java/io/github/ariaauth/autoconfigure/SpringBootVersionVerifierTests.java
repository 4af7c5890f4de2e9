package io.github.ariaauth.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

@ExtendWith(OutputCaptureExtension.class)
class SpringBootVersionVerifierTests {

	@ParameterizedTest
	@CsvSource({ "4.0.7, 4", "4.1.2, 4", "3.5.7, 3", "5.0.0-M1, 5", "10.2.0, 10", "2.7.18, 2" })
	void generationIsTheMajorVersion(String version, int generation) {
		assertThat(SpringBootVersionVerifier.generation(version)).isEqualTo(generation);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "unknown", "v4.0.7", "12345.0" })
	void generationIsUnknownForUnusualVersions(String version) {
		assertThat(SpringBootVersionVerifier.generation(version)).isEqualTo(-1);
		assertThat(SpringBootVersionVerifier.generation(null)).isEqualTo(-1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "3.5.7", "3.0.0", "2.7.18" })
	void startupFailsOnSpringBootOlderThan4(String version) {
		assertThatExceptionOfType(UnsupportedSpringBootVersionException.class)
			.isThrownBy(() -> publishEnvironmentPrepared(version, new MockEnvironment()))
			.satisfies((ex) -> {
				assertThat(ex.getSpringBootVersion()).isEqualTo(version);
				assertThat(ex.getSupportedVersions()).isEqualTo("4.0.x, 4.1.x");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "4.0.0", "4.0.7", "4.1.2", "4.2.0-SNAPSHOT" })
	void springBoot4IsAcceptedSilently(String version, CapturedOutput output) {
		assertThatNoException().isThrownBy(() -> publishEnvironmentPrepared(version, new MockEnvironment()));
		assertThat(output).doesNotContain("aria-auth");
	}

	@Test
	void springBoot5IsAcceptedWithAWarning(CapturedOutput output) {
		assertThatNoException().isThrownBy(() -> publishEnvironmentPrepared("5.0.0", new MockEnvironment()));
		assertThat(output).contains("WARN")
			.contains("aria-auth supports Spring Boot 4.0.x, 4.1.x; it has not been tested on Spring Boot 5.0.0");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "unknown" })
	void unknownVersionIsAccepted(String version) {
		assertThatNoException().isThrownBy(() -> publishEnvironmentPrepared(version, new MockEnvironment()));
		assertThatNoException().isThrownBy(() -> new SpringBootVersionVerifier(() -> null)
			.onApplicationEvent(environmentPrepared(new MockEnvironment())));
	}

	@Test
	void nothingIsCheckedWhenAriaAuthIsDisabled() {
		MockEnvironment environment = new MockEnvironment().withProperty("aria.auth.enabled", "false");
		assertThatNoException().isThrownBy(() -> publishEnvironmentPrepared("3.5.7", environment));
	}

	@Test
	void runningSpringBootIsSupported() {
		assertThatNoException()
			.isThrownBy(() -> new SpringBootVersionVerifier().verify(SpringBootVersion.getVersion()));
	}

	@Test
	void verifierIsRegisteredForEverySpringApplication() {
		assertThat(new SpringApplication().getListeners()).hasAtLeastOneElementOfType(SpringBootVersionVerifier.class);
	}

	private static void publishEnvironmentPrepared(String version, MockEnvironment environment) {
		new SpringBootVersionVerifier(() -> version).onApplicationEvent(environmentPrepared(environment));
	}

	private static ApplicationEnvironmentPreparedEvent environmentPrepared(MockEnvironment environment) {
		return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
				new String[0], environment);
	}

}
