package io.github.ariaauth.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class UnsupportedSpringBootVersionFailureAnalyzerTests {

	@Test
	void analysisNamesTheVersionInUseAndTheSupportedOnes() {
		FailureAnalysis analysis = new UnsupportedSpringBootVersionFailureAnalyzer()
			.analyze(new IllegalStateException(new UnsupportedSpringBootVersionException("3.5.7", "4.0.x, 4.1.x")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Spring Boot in use: 3.5.7")
			.contains("Supported: Spring Boot 4.0.x, 4.1.x (Java 17 or later)");
		assertThat(analysis.getAction())
			.startsWith("Upgrade the application to a supported Spring Boot version (4.0.x, 4.1.x)")
			.contains("remove aria-auth-spring-boot-starter");
	}

	@Test
	void analyzerIsRegistered() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, failure) -> {
			}))).hasAtLeastOneElementOfType(UnsupportedSpringBootVersionFailureAnalyzer.class);
	}

	@Test
	void startupFailureIsReportedWithTheAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) (event) -> {
			throw new UnsupportedSpringBootVersionException("3.5.7", "4.0.x, 4.1.x");
		});
		assertThatExceptionOfType(UnsupportedSpringBootVersionException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Spring Boot in use: 3.5.7")
			.contains("Upgrade the application to a supported Spring Boot version (4.0.x, 4.1.x)");
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
