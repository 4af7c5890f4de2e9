package io.github.ariaauth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding aria-auth changes nothing of the host application's web security, servlet or
 * reactive.
 */
class AriaHostSecurityUntouchedTests {

	private static final AutoConfigurations ARIA = AutoConfigurations.of(AriaAuthAutoConfiguration.class,
			AriaWebClientAutoConfiguration.class, AriaRestClientAutoConfiguration.class);

	private static final String[] ARIA_PROPERTIES = { "aria.auth.region=us", "aria.auth.client-id=id",
			"aria.auth.client-secret=secret" };

	private static final String[] APP_REGISTRATION = {
			"spring.security.oauth2.client.registration.github.client-id=app-client",
			"spring.security.oauth2.client.registration.github.client-secret=app-secret",
			"spring.security.oauth2.client.registration.partner.client-id=partner",
			"spring.security.oauth2.client.registration.partner.client-secret=partner-secret",
			"spring.security.oauth2.client.registration.partner.authorization-grant-type=client_credentials",
			"spring.security.oauth2.client.provider.partner.token-uri=https://partner.example.com/token" };

	private final WebApplicationContextRunner servletRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, HttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				WebClientAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class, HttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class));

	@Test
	void servletAppWithoutSecurityGetsNoSecurityFilterChain() {
		this.servletRunner.withConfiguration(ARIA).withPropertyValues(ARIA_PROPERTIES).run((context) -> {
			assertThat(context).hasNotFailed().hasBean("ariaRestClient");
			assertThat(context).doesNotHaveBean(SecurityFilterChain.class)
				.doesNotHaveBean(ClientRegistrationRepository.class);
		});
	}

	@Test
	void servletAppKeepsItsOwnRegistrationsAndFilterChain() {
		WebApplicationContextRunner secured = this.servletRunner
			.withConfiguration(
					AutoConfigurations.of(SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
							OAuth2ClientAutoConfiguration.class, OAuth2ClientWebSecurityAutoConfiguration.class))
			.withPropertyValues(APP_REGISTRATION)
			.withPropertyValues("spring.security.oauth2.client.registration.github.provider=github");
		List<String> without = new ArrayList<>();
		List<String> with = new ArrayList<>();
		secured.run((context) -> without.addAll(describe(context)));
		secured.withConfiguration(ARIA).withPropertyValues(ARIA_PROPERTIES).run((context) -> {
			assertThat(context).hasNotFailed().hasBean("ariaRestClient");
			with.addAll(describe(context));
		});
		assertThat(without).contains("registration github", "registration partner")
			.noneMatch((line) -> line.contains("aria"));
		assertThat(with).isEqualTo(without);
	}

	@Test
	void reactiveAppWithoutSecurityGetsNoSecurityWebFilterChain() {
		this.reactiveRunner.withConfiguration(ARIA).withPropertyValues(ARIA_PROPERTIES).run((context) -> {
			assertThat(context).hasNotFailed().hasBean("ariaWebClient");
			assertThat(context).doesNotHaveBean(SecurityWebFilterChain.class)
				.doesNotHaveBean(ReactiveClientRegistrationRepository.class);
		});
	}

	@Test
	void reactiveAppKeepsItsOwnRegistrationsAndFilterChain() {
		ReactiveWebApplicationContextRunner secured = this.reactiveRunner
			.withConfiguration(AutoConfigurations.of(ReactiveWebSecurityAutoConfiguration.class,
					ReactiveOAuth2ClientAutoConfiguration.class,
					ReactiveOAuth2ClientWebSecurityAutoConfiguration.class))
			.withPropertyValues(APP_REGISTRATION)
			.withPropertyValues("spring.security.oauth2.client.registration.github.provider=github");
		List<String> without = new ArrayList<>();
		List<String> with = new ArrayList<>();
		secured.run((context) -> without.addAll(describe(context)));
		secured.withConfiguration(ARIA).withPropertyValues(ARIA_PROPERTIES).run((context) -> {
			assertThat(context).hasNotFailed().hasBean("ariaWebClient");
			with.addAll(describe(context));
		});
		assertThat(without).contains("registration github", "registration partner")
			.noneMatch((line) -> line.contains("aria"));
		assertThat(with).isEqualTo(without);
	}

	private static List<String> describe(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		List<String> lines = new ArrayList<>();
		context.getBeansOfType(ClientRegistrationRepository.class).forEach((name, repository) -> {
			lines.add("repository " + name);
			if (repository instanceof InMemoryClientRegistrationRepository inMemory) {
				inMemory.forEach((registration) -> lines.add("registration " + registration.getRegistrationId()));
			}
		});
		context.getBeansOfType(SecurityFilterChain.class).forEach((name, chain) -> {
			lines.add("chain " + name);
			chain.getFilters().forEach((filter) -> lines.add("filter " + filter.getClass().getName()));
		});
		return lines;
	}

	private static List<String> describe(AssertableReactiveWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		List<String> lines = new ArrayList<>();
		context.getBeansOfType(ReactiveClientRegistrationRepository.class).forEach((name, repository) -> {
			lines.add("repository " + name);
			if (repository instanceof Iterable<?> registrations) {
				registrations.forEach((registration) -> lines
					.add("registration " + ((ClientRegistration) registration).getRegistrationId()));
			}
		});
		context.getBeansOfType(SecurityWebFilterChain.class).forEach((name, chain) -> {
			lines.add("chain " + name);
			chain.getWebFilters()
				.map((filter) -> "filter " + filter.getClass().getName())
				.collectList()
				.block()
				.forEach(lines::add);
		});
		return lines;
	}

}
