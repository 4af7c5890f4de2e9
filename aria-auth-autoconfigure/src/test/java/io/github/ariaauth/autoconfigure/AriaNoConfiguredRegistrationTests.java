package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaRegistrationProperties;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.autoconfigure.AriaMultipleRegistrationsTests.Aria;
import io.github.ariaauth.converse.AriaConverseClient;
import io.github.ariaauth.converse.ConverseRequest;
import io.github.ariaauth.converse.ReactiveAriaConverseClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An application that configures no registration (every tenant comes from its database)
 * starts, with an empty {@link AriaRegistrations} to add them to, and no bean of a
 * default registration.
 */
@ExtendWith(OutputCaptureExtension.class)
class AriaNoConfiguredRegistrationTests {

	private final Aria tenants = new Aria("unused", "unused");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(FakeAria.CLIENTS)
		.withConfiguration(AutoConfigurations.of(AriaConverseAutoConfiguration.class,
				AriaAuthHealthAutoConfiguration.class, AriaAuthMetricsAutoConfiguration.class))
		.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN);

	@AfterEach
	void close() {
		this.tenants.close();
	}

	@Test
	void startsWithNoRegistrationThenTwoAddedAtRunTimeServeAndOneIsRemoved(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(AriaRegistrations.class)
				.doesNotHaveBean(AriaTokenManager.class)
				.doesNotHaveBean("ariaRestClient")
				.doesNotHaveBean("ariaWebClient")
				.doesNotHaveBean(AriaConverseClient.class)
				.doesNotHaveBean(ReactiveAriaConverseClient.class);
			assertThat(output).contains("no registration configured", "AriaRegistrations#add");
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
			assertThat(registrations.names()).isEmpty();

			registrations.add("tenant-1", tenant(1));
			registrations.add("tenant-2", tenant(2));

			assertThat(registrations.names()).containsExactly("tenant-1", "tenant-2");
			CompositeHealthContributor health = context.getBean("ariaAuthHealthIndicator",
					CompositeHealthContributor.class);
			assertThat(health.stream().map(HealthContributors.Entry::name)).containsExactly("tenant-1", "tenant-2");
			for (int i = 1; i <= 2; i++) {
				String name = "tenant-" + i;
				assertThat(registrations.restClient(name).get().uri("/ping").retrieve().body(String.class))
					.isEqualTo("client-" + i + " answered");
				assertThat(registrations.client(name, WebClient.class)
					.get()
					.uri("/ping")
					.retrieve()
					.bodyToMono(String.class)
					.block()).isEqualTo("client-" + i + " answered");
				assertThat(registrations.converseClient(name).converse(ConverseRequest.question("Who?")).text())
					.isEqualTo("client-" + i + " answered");
			}
			AriaTokenManager removed = registrations.tokenManager("tenant-1");

			registrations.remove("tenant-1");

			assertThat(registrations.names()).containsExactly("tenant-2");
			assertThat(health.stream().map(HealthContributors.Entry::name)).containsExactly("tenant-2");
			assertThatExceptionOfType(AriaAuthException.class).isThrownBy(removed::getToken)
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(AriaAuthException.CLOSED));
			assertThatIllegalArgumentException().isThrownBy(() -> registrations.restClient("tenant-1"));
			assertThat(registrations.restClient("tenant-2").get().uri("/ping").retrieve().body(String.class))
				.isEqualTo("client-2 answered");
			assertThatIllegalArgumentException().isThrownBy(() -> registrations.tokenManager("aria"))
				.withMessageContaining("No default Aria registration");
			assertThat(this.tenants.tokenRequests()).containsExactly("client-1:secret-1", "client-2:secret-2");
		});
	}

	@Test
	void settingsOfAriaAuthAloneConfigureNoRegistration() {
		this.contextRunner.withPropertyValues("aria.auth.token.read-timeout=20s", "aria.auth.startup-check=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(AriaTokenManager.class);
				assertThat(context.getBean(AriaRegistrations.class).names()).isEmpty();
			});
	}

	@Test
	void anyKeyOfTheDefaultRegistrationStillMakesItsMissingCredentialsStopStartup() {
		this.contextRunner.withPropertyValues("aria.auth.region=us").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(AriaAuthConfigurationException.class)
				.hasMessageContaining("aria.auth.client-id");
		});
		// README's quick start with the variable unset: the failure names it.
		this.contextRunner
			.withPropertyValues("aria.auth.client-id=${ARIA_NO_SUCH_VARIABLE_ID}", "aria.auth.client-secret=x",
					"aria.auth.token-uri=https://kauth.example.com/t", "aria.auth.api-base-url=https://api.example.com")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void injectingTheDefaultRegistrationsClientWithoutOneIsExplained(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(NeedsTheDefaultClient.class).bannerMode(Banner.Mode.OFF)
				.web(WebApplicationType.NONE)
				.properties(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
				.run());

		assertThat(output).contains("APPLICATION FAILED TO START", "needs a bean of the default Aria registration",
				"no registration configured", "aria.auth.client-id", "AriaRegistrations");
	}

	@Test
	void injectingTheDefaultRestClientByQualifierWithoutOneIsExplained(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(NeedsAriaRestClient.class).bannerMode(Banner.Mode.OFF)
				.web(WebApplicationType.NONE)
				.properties(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
				.run());

		assertThat(output).contains("APPLICATION FAILED TO START", "needs a bean of the default Aria registration");
	}

	private AriaRegistrationProperties tenant(int i) {
		AriaRegistrationProperties properties = new AriaRegistrationProperties();
		properties.setClientId("client-" + i);
		properties.setClientSecret("secret-" + i);
		properties.setTokenUri(this.tenants.tokenEndpoint.url("/token").toString());
		properties.setApiBaseUrl(this.tenants.apiBaseUrl());
		return properties;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class NeedsTheDefaultClient {

		@Bean
		String billing(AriaConverseClient billie) {
			return "billing";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class NeedsAriaRestClient {

		@Bean
		String billing(@Qualifier("ariaRestClient") RestClient billie) {
			return "billing";
		}

	}

}
