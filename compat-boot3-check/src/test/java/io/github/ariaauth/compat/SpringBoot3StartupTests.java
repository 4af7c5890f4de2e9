package io.github.ariaauth.compat;

import io.github.ariaauth.autoconfigure.UnsupportedSpringBootVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class SpringBoot3StartupTests {

	@Test
	void startupStopsWithAClearMessageOnSpringBoot3(CapturedOutput output) {
		assertThat(SpringBootVersion.getVersion()).startsWith("3.");
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(UnsupportedSpringBootVersionException.class)
			.isThrownBy(() -> application.run("--aria.auth.region=us", "--aria.auth.client-id=id",
					"--aria.auth.client-secret=secret"))
			.satisfies((ex) -> assertThat(ex.getSpringBootVersion()).isEqualTo(SpringBootVersion.getVersion()));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Spring Boot in use: " + SpringBootVersion.getVersion())
			.contains("Supported: Spring Boot 4.0.x, 4.1.x")
			.doesNotContain("NoClassDefFoundError");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
