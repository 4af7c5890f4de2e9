package io.github.ariaauth.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.github.ariaauth.AriaClientCredentials;
import io.github.ariaauth.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad secret files: at startup they stop the application naming the property and the
 * path; later, the last good secret stays in use and the problem is said once.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientSecretFileTests {

	private static final String SECRET = "s3cret-in-a-file";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class))
		.withPropertyValues("aria.auth.region=us");

	@TempDir
	private Path dir;

	@Test
	void missingFileFailsStartupNamingPropertyAndPath() {
		Path missing = this.dir.resolve("nothing-here");
		this.contextRunner.withPropertyValues("aria.auth.client-id=svc", "aria.auth.client-secret-file=" + missing)
			.run((context) -> {
				AriaAuthConfigurationException failure = configurationFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("aria.auth.client-secret-file");
				assertThat(failure.getValue()).isEqualTo("'" + missing + "'");
				assertThat(failure.getExpected()).isEqualTo("a readable file holding the client secret (no such file)");
			});
	}

	@Test
	void emptyFileFailsStartup() throws Exception {
		Path empty = Files.writeString(this.dir.resolve("empty"), "\n");
		this.contextRunner
			.withPropertyValues("aria.auth.registrations.emea.region=us", "aria.auth.registrations.emea.client-id=svc",
					"aria.auth.registrations.emea.client-secret-file=" + empty)
			.run((context) -> {
				AriaAuthConfigurationException failure = configurationFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("aria.auth.registrations.emea.client-secret-file");
				assertThat(failure.getExpected()).contains("(the file is empty)");
			});
	}

	@Test
	void unreadableFileFailsStartup() {
		this.contextRunner.withPropertyValues("aria.auth.client-id=svc", "aria.auth.client-secret-file=" + this.dir)
			.run((context) -> {
				AriaAuthConfigurationException failure = configurationFailure(context.getStartupFailure());
				assertThat(failure.getValue()).isEqualTo("'" + this.dir + "'");
				assertThat(failure.getExpected()).contains("(not a regular file)");
			});
	}

	@Test
	void secretAndSecretFileTogetherFailStartupWithoutShowingTheSecret() throws Exception {
		Path file = Files.writeString(this.dir.resolve("secret"), SECRET);
		this.contextRunner
			.withPropertyValues("aria.auth.client-id=svc", "aria.auth.client-secret=" + SECRET,
					"aria.auth.client-secret-file=" + file)
			.run((context) -> {
				AriaAuthConfigurationException failure = configurationFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("aria.auth.client-secret and aria.auth.client-secret-file");
				assertThat(failure.getValue()).isEqualTo("(both set)");
				assertThat(failure.getMessage()).doesNotContain(SECRET);
			});
	}

	@Test
	void fileThatTurnsUnreadableKeepsTheLastSecretAndSaysSoOnce(CapturedOutput output) throws Exception {
		Path file = Files.writeString(this.dir.resolve("secret"), SECRET + "\n");
		ClientSecretFile secretFile = ClientSecretFile.open("aria.auth.client-secret-file", file.toString(),
				this.clock);
		Files.delete(file);
		for (int i = 0; i < 3; i++) {
			this.clock.advance(ClientSecretFile.CHECK_INTERVAL);
			assertThat(secretFile.getCredentials("aria")).isEqualTo(AriaClientCredentials.clientSecret(SECRET));
		}
		secretFile.credentialsRejected("aria", AriaClientCredentials.clientSecret(SECRET));
		assertThat(output.getOut().split("cannot read the client secret", -1)).hasSize(2);
		assertThat(output).contains("WARN", "aria: cannot read the client secret from aria.auth.client-secret-file "
				+ file + " (no such file); keeping the secret read last until the file is readable again");

		Files.writeString(file, "new-" + SECRET);
		this.clock.advance(ClientSecretFile.CHECK_INTERVAL);
		assertThat(secretFile.getCredentials("aria")).isEqualTo(AriaClientCredentials.clientSecret("new-" + SECRET));
		assertThat(output).contains("aria.auth.client-secret-file " + file + " is readable again")
			.doesNotContain(SECRET + "\n")
			.doesNotContain("new-" + SECRET);
	}

	private static AriaAuthConfigurationException configurationFailure(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof AriaAuthConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("cause of %s", failure).isInstanceOf(AriaAuthConfigurationException.class);
		return (AriaAuthConfigurationException) cause;
	}

}
