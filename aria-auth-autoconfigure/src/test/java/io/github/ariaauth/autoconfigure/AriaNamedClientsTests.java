package io.github.ariaauth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.autoconfigure.AriaMultipleRegistrationsTests.Aria;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The clients of named registrations: built on first use, not at startup, and only where
 * the default registration's client of the same type would be.
 */
class AriaNamedClientsTests {

	private final Aria billing = new Aria("billing-client", "billing-secret");

	private final AtomicInteger restClientsBuilt = new AtomicInteger();

	private final AtomicInteger webClientsBuilt = new AtomicInteger();

	// Boot's builders are prototypes: each client built from one runs the customizers
	// once.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withBean(RestClientCustomizer.class, () -> (builder) -> this.restClientsBuilt.incrementAndGet())
		.withBean(WebClientCustomizer.class, () -> (builder) -> this.webClientsBuilt.incrementAndGet())
		.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
		.withPropertyValues(this.billing.properties("aria.auth.registrations.billing."));

	@AfterEach
	void close() {
		this.billing.close();
	}

	@Test
	void aThousandRegistrationsBuildNoClientAtStartupAndEachClientOnFirstUse() {
		List<String> properties = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			String prefix = "aria.auth.registrations.r" + i + ".";
			properties.add(prefix + "client-id=client-" + i);
			properties.add(prefix + "client-secret=secret-" + i);
			properties.add(prefix + "region=us");
		}
		this.contextRunner.withConfiguration(FakeAria.CLIENTS)
			.withPropertyValues(properties.toArray(String[]::new))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// Not AssertJ's hasBean, which gets the bean.
				assertThat(context.containsBean("ariaRestClient-r999")).isTrue();
				assertThat(context.containsBean("ariaWebClient-r999")).isTrue();
				assertThat(this.restClientsBuilt).hasValue(0);
				assertThat(this.webClientsBuilt).hasValue(0);

				AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
				RestClient rest = registrations.restClient("r7");
				WebClient web = registrations.client("r7", WebClient.class);

				assertThat(this.restClientsBuilt).hasValue(1);
				assertThat(this.webClientsBuilt).hasValue(1);
				assertThat(context.getBean("ariaRestClient-r7")).isSameAs(rest);
				assertThat(context.getBean("ariaWebClient-r7")).isSameAs(web);
				assertThat(this.restClientsBuilt).hasValue(1);
			});
	}

	@Test
	void withoutTheWebClientAutoConfigurationThereAreNoNamedWebClientsAndAskingForOneSaysWhy() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class,
					AriaRestClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, WebClientAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("ariaWebClient-billing");
				AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
				assertThat(registrations.restClient("billing").get().uri("/ping").retrieve().body(String.class))
					.isEqualTo("billing-client answered");
				assertThatIllegalArgumentException().isThrownBy(() -> registrations.client("billing", WebClient.class))
					.withMessageContaining("'billing'")
					.withMessageContaining(AriaWebClientAutoConfiguration.class.getName());
			});
	}

	@Test
	void withoutTheRestClientAutoConfigurationThereAreNoNamedRestClientsAndAskingForOneSaysWhy() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class,
					AriaWebClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, WebClientAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("ariaRestClient-billing");
				AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
				assertThat(registrations.client("billing", WebClient.class)
					.get()
					.uri("/ping")
					.retrieve()
					.bodyToMono(String.class)
					.block(Duration.ofSeconds(60))).isEqualTo("billing-client answered");
				assertThatIllegalArgumentException().isThrownBy(() -> registrations.restClient("billing"))
					.withMessageContaining("'billing'")
					.withMessageContaining(AriaRestClientAutoConfiguration.class.getName());
			});
	}

}
