package io.github.ariaauth.autoconfigure;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;
import io.github.ariaauth.restclient.AriaRestClientHttpServiceGroupConfigurer;
import io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction;
import io.github.ariaauth.webclient.AriaWebClientHttpServiceGroupConfigurer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which client beans {@link AriaWebClientAutoConfiguration} and {@link AriaRestClientAutoConfiguration} register,
 * and what they leave alone.
 */
class AriaClientsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class, AriaWebClientAutoConfiguration.class,
				AriaRestClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues("aria.auth.region=us", "aria.auth.client-id=id", "aria.auth.client-secret=secret",
				FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN);

	@Test
	void registersBothClientsTheirFilterInterceptorAndGroupConfigurers() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("ariaWebClient").hasBean("ariaRestClient");
			assertThat(context).hasSingleBean(AriaBearerExchangeFilterFunction.class)
				.hasBean("ariaExchangeFilterFunction");
			assertThat(context).hasSingleBean(AriaBearerClientHttpRequestInterceptor.class)
				.hasBean("ariaClientHttpRequestInterceptor");
			assertThat(context).hasSingleBean(AriaWebClientHttpServiceGroupConfigurer.class)
				.hasSingleBean(AriaRestClientHttpServiceGroupConfigurer.class);
		});
	}

	@Test
	void clientsAreNeverTheAnswerToAnUnqualifiedInjectionPoint() {
		this.contextRunner.withUserConfiguration(UnqualifiedUser.class, QualifiedUser.class).run((context) -> {
			assertThat(context.getBean(UnqualifiedUser.class).webClient).isNull();
			assertThat(context.getBean(UnqualifiedUser.class).restClient).isNull();
			assertThat(context.getBean(QualifiedUser.class).webClient).isSameAs(context.getBean("ariaWebClient"));
			assertThat(context.getBean(QualifiedUser.class).restClient).isSameAs(context.getBean("ariaRestClient"));
		});
	}

	@Test
	void applicationKeepsItsOwnClientsForUnqualifiedInjection() {
		this.contextRunner.withUserConfiguration(OwnClientsConfiguration.class, OwnClientsUser.class)
			.run((context) -> {
				OwnClientsUser user = context.getBean(OwnClientsUser.class);
				assertThat(user.webClient).isSameAs(context.getBean("myWebClient"));
				assertThat(user.restClient).isSameAs(context.getBean("myRestClient"));
				assertThat(context).hasBean("ariaWebClient").hasBean("ariaRestClient");
				assertThat(context.getBean("ariaWebClient")).isNotSameAs(user.webClient);
			});
	}

	@Test
	void clientsAreBuiltFromACloneOfTheApplicationsBuildersWhoseCustomizersApplyOnce() {
		this.contextRunner.withUserConfiguration(CountingCustomizersConfiguration.class).run((context) -> {
			CountingCustomizersConfiguration customizers = context.getBean(CountingCustomizersConfiguration.class);
			context.getBean("ariaWebClient");
			context.getBean("ariaRestClient");
			assertThat(customizers.webClient).hasPositiveValue();
			assertThat(customizers.restClient).hasPositiveValue();
			// The application's own builders stay free of our filter and interceptor.
			WebClient.Builder appWebClientBuilder = context.getBean(WebClient.Builder.class);
			appWebClientBuilder.filters((filters) -> assertThat(filters)
				.noneMatch(AriaBearerExchangeFilterFunction.class::isInstance));
			RestClient.Builder appRestClientBuilder = context.getBean(RestClient.Builder.class);
			appRestClientBuilder.requestInterceptors((interceptors) -> assertThat(interceptors)
				.noneMatch(AriaBearerClientHttpRequestInterceptor.class::isInstance));
		});
	}

	@Test
	void clientsWorkWithoutBootsBuilders() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class,
					AriaWebClientAutoConfiguration.class, AriaRestClientAutoConfiguration.class))
			.withPropertyValues("aria.auth.region=us", "aria.auth.client-id=id", "aria.auth.client-secret=secret")
			.run((context) -> assertThat(context).hasBean("ariaWebClient").hasBean("ariaRestClient"));
	}

	@Test
	void webClientSideBacksOffWithoutWebFlux() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class)).run((context) -> {
			assertThat(context).doesNotHaveBean("ariaWebClient")
				.doesNotHaveBean(AriaBearerExchangeFilterFunction.class);
			assertThat(context).hasBean("ariaRestClient");
		});
	}

	@Test
	void nothingIsRegisteredWhenDisabled() {
		this.contextRunner.withPropertyValues("aria.auth.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean("ariaWebClient").doesNotHaveBean("ariaRestClient");
			assertThat(context).doesNotHaveBean(AriaBearerExchangeFilterFunction.class)
				.doesNotHaveBean(AriaBearerClientHttpRequestInterceptor.class);
		});
	}

	@Test
	void userDefinedFilterAndInterceptorReplaceOurs() {
		this.contextRunner.withUserConfiguration(OwnFilterConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AriaBearerExchangeFilterFunction.class).hasBean("myFilter");
			assertThat(context).hasSingleBean(AriaBearerClientHttpRequestInterceptor.class).hasBean("myInterceptor");
		});
	}

	@Test
	void startupFailsWithHelpfulMessageWhenAnAllowedHostIsMalformed() {
		this.contextRunner.withPropertyValues("aria.auth.allowed-hosts=https://api.example.com/path")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(AriaAuthConfigurationException.class)
					.hasMessageContaining("aria.auth.allowed-hosts")
					.hasMessageContaining("https://api.example.com/path");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientsConfiguration {

		@Bean
		WebClient myWebClient() {
			return WebClient.create("https://app.example.com");
		}

		@Bean
		RestClient myRestClient() {
			return RestClient.create("https://app.example.com");
		}

	}

	static class UnqualifiedUser {

		@Autowired(required = false)
		WebClient webClient;

		@Autowired(required = false)
		RestClient restClient;

	}

	static class QualifiedUser {

		@Autowired
		@Qualifier("ariaWebClient")
		WebClient webClient;

		@Autowired
		@Qualifier("ariaRestClient")
		RestClient restClient;

	}

	static class OwnClientsUser {

		@Autowired
		WebClient webClient;

		@Autowired
		RestClient restClient;

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingCustomizersConfiguration {

		final AtomicInteger webClient = new AtomicInteger();

		final AtomicInteger restClient = new AtomicInteger();

		@Bean
		WebClientCustomizer countingWebClientCustomizer() {
			return (builder) -> this.webClient.incrementAndGet();
		}

		@Bean
		RestClientCustomizer countingRestClientCustomizer() {
			return (builder) -> this.restClient.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFilterConfiguration {

		@Bean
		AriaBearerExchangeFilterFunction myFilter(AriaTokenManager tokenManager) {
			return new AriaBearerExchangeFilterFunction(tokenManager,
					io.github.ariaauth.AriaTokenTargets.of(URI.create("https://a.example"), java.util.List.of()));
		}

		@Bean
		AriaBearerClientHttpRequestInterceptor myInterceptor(AriaTokenManager tokenManager) {
			return new AriaBearerClientHttpRequestInterceptor(tokenManager,
					io.github.ariaauth.AriaTokenTargets.of(URI.create("https://a.example"), java.util.List.of()));
		}

	}

}
