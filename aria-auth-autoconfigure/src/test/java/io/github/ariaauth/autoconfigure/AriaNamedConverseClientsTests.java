package io.github.ariaauth.autoconfigure;

import java.time.Duration;

import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.autoconfigure.AriaMultipleRegistrationsTests.Aria;
import io.github.ariaauth.converse.AriaConverseClient;
import io.github.ariaauth.converse.ConverseRequest;
import io.github.ariaauth.converse.ConverseResponse;
import io.github.ariaauth.converse.ReactiveAriaConverseClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The typed Converse clients of named registrations, and the default registration's
 * Converse clients staying the answer of every plain injection point whatever is imported
 * into a named registration's HTTP service group.
 */
class AriaNamedConverseClientsTests {

	private final Aria us = new Aria("7000213", "us-secret");

	private final Aria emea = new Aria("7000999", "emea-secret");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(FakeAria.CLIENTS)
		.withConfiguration(AutoConfigurations.of(AriaConverseAutoConfiguration.class,
				HttpServiceClientPropertiesAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
				ReactiveHttpServiceClientAutoConfiguration.class))
		.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
		.withPropertyValues(this.us.properties("aria.auth."))
		.withPropertyValues(this.emea.properties("aria.auth.registrations.emea."));

	@AfterEach
	void close() {
		this.us.close();
		this.emea.close();
	}

	@Test
	void eachNamedRegistrationHasTypedConverseClientsThatAnswerAsItsOwnAccount() {
		this.contextRunner.withUserConfiguration(PlainInjection.class).run((context) -> {
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
			AriaConverseClient blocking = context.getBean("ariaConverseClient-emea", AriaConverseClient.class);
			ReactiveAriaConverseClient reactive = context.getBean("ariaReactiveConverseClient-emea",
					ReactiveAriaConverseClient.class);

			assertThat(registrations.converseClient("emea")).isSameAs(blocking);
			assertThat(registrations.client("emea", ReactiveAriaConverseClient.class)).isSameAs(reactive);
			assertThat(registrations.converseClient("aria")).isSameAs(context.getBean("ariaConverseClient"));
			assertThat(registrations.client("aria", ReactiveAriaConverseClient.class))
				.isSameAs(context.getBean("ariaReactiveConverseClient"));
			assertThat(answer(blocking)).isEqualTo("7000999 answered");
			assertThat(answer(reactive)).isEqualTo("7000999 answered");
			assertPlainInjectionAnswersAsTheDefaultRegistration(context.getBean(PlainInjection.class));
			assertThat(this.emea.apiAuthorizations()).hasSize(2)
				.allMatch((header) -> header.startsWith("Bearer 7000999-"));
		});
	}

	@Test
	void reactiveConverseImportedIntoANamedGroupNeverDisplacesTheDefaultRegistrationsClient() {
		this.contextRunner.withUserConfiguration(PlainInjection.class, ReactiveConverseInEmeaGroup.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("ariaReactiveConverseClient");
				assertPlainInjectionAnswersAsTheDefaultRegistration(context.getBean(PlainInjection.class));
				ReactiveAriaConverseClient imported = context.getBean(
						"aria-emea#" + ReactiveAriaConverseClient.class.getName(), ReactiveAriaConverseClient.class);
				assertThat(context.getBean(AriaRegistrations.class).client("emea", ReactiveAriaConverseClient.class))
					.isSameAs(imported)
					.isSameAs(context.getBean("ariaReactiveConverseClient-emea"));
				assertThat(answer(imported)).isEqualTo("7000999 answered");
			});
	}

	@Test
	void blockingConverseImportedIntoANamedGroupNeverDisplacesTheDefaultRegistrationsClient() {
		this.contextRunner.withUserConfiguration(PlainInjection.class, BlockingConverseInEmeaGroup.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("ariaConverseClient");
				assertPlainInjectionAnswersAsTheDefaultRegistration(context.getBean(PlainInjection.class));
				AriaConverseClient imported = context.getBean("aria-emea#" + AriaConverseClient.class.getName(),
						AriaConverseClient.class);
				assertThat(context.getBean(AriaRegistrations.class).converseClient("emea")).isSameAs(imported);
				assertThat(answer(imported)).isEqualTo("7000999 answered");
			});
	}

	@Test
	void withoutWebFluxNamedRegistrationsHaveOnlyTheBlockingConverseClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasBean("ariaConverseClient-emea")
				.doesNotHaveBean("ariaReactiveConverseClient-emea");
			assertThat(answer(context.getBean(AriaRegistrations.class).converseClient("emea")))
				.isEqualTo("7000999 answered");
		});
	}

	@Test
	void withoutTheRestClientAutoConfigurationThereAreNoNamedBlockingConverseClientsAndAskingForOneSaysWhy() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AriaAuthAutoConfiguration.class, AriaWebClientAutoConfiguration.class,
							AriaConverseAutoConfiguration.class, HttpClientAutoConfiguration.class,
							ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class))
			.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
			.withPropertyValues(this.us.properties("aria.auth."))
			.withPropertyValues(this.emea.properties("aria.auth.registrations.emea."))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean("ariaConverseClient")
					.doesNotHaveBean("ariaConverseClient-emea");
				assertThat(context.containsBean("ariaReactiveConverseClient-emea")).isTrue();
				assertThatIllegalArgumentException()
					.isThrownBy(() -> context.getBean(AriaRegistrations.class).converseClient("emea"))
					.withMessageContaining("'emea'")
					.withMessageContaining(AriaRestClientAutoConfiguration.class.getName());
			});
	}

	private void assertPlainInjectionAnswersAsTheDefaultRegistration(PlainInjection plain) {
		assertThat(answer(plain.blocking)).isEqualTo("7000213 answered");
		assertThat(answer(plain.reactive)).isEqualTo("7000213 answered");
	}

	private static String answer(AriaConverseClient client) {
		return text(client.converse(ConverseRequest.question("Who are you?")));
	}

	private static String answer(ReactiveAriaConverseClient client) {
		return text(client.converse(ConverseRequest.question("Who are you?")).block(Duration.ofSeconds(30)));
	}

	private static String text(ConverseResponse response) {
		assertThat(response.content()).isNotNull();
		return String.valueOf(response.content().text());
	}

	/**
	 * The application's own code, injecting the Converse clients without a qualifier.
	 */
	static final class PlainInjection {

		final AriaConverseClient blocking;

		final ReactiveAriaConverseClient reactive;

		PlainInjection(AriaConverseClient blocking, ReactiveAriaConverseClient reactive) {
			this.blocking = blocking;
			this.reactive = reactive;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "aria-emea", types = ReactiveAriaConverseClient.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class ReactiveConverseInEmeaGroup {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "aria-emea", types = AriaConverseClient.class)
	static class BlockingConverseInEmeaGroup {

	}

}
