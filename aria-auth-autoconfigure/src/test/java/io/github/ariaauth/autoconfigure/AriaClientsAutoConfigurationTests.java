package io.github.ariaauth.autoconfigure;

import java.net.URI;
import java.time.Duration;

import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;
import io.github.ariaauth.restclient.AriaRestClientHttpServiceGroupConfigurer;
import io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction;
import io.github.ariaauth.webclient.AriaWebClientHttpServiceGroupConfigurer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which client beans {@link AriaWebClientAutoConfiguration} and
 * {@link AriaRestClientAutoConfiguration} register, and what they leave alone.
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
		this.contextRunner.withUserConfiguration(OwnClientsConfiguration.class, OwnClientsUser.class).run((context) -> {
			OwnClientsUser user = context.getBean(OwnClientsUser.class);
			assertThat(user.webClient).isSameAs(context.getBean("myWebClient"));
			assertThat(user.restClient).isSameAs(context.getBean("myRestClient"));
			assertThat(context).hasBean("ariaWebClient").hasBean("ariaRestClient");
			assertThat(context.getBean("ariaWebClient")).isNotSameAs(user.webClient);
		});
	}

	@ParameterizedTest
	@EnumSource
	void customizersOfTheApplicationsBuildersApplyToOurClientsExactlyOnce(AriaClient client) {
		try (FakeAria aria = new FakeAria()) {
			this.contextRunner.withPropertyValues(aria.properties())
				.withUserConfiguration(MarkingCustomizersConfiguration.class)
				.run((context) -> {
					assertThat(client.get(context, "/ping").status()).isEqualTo(200);
					RecordedRequest request = aria.takeApiRequest();
					// A customizer applied twice would add its filter or interceptor
					// twice, and the header with it.
					assertThat(request.getHeaders().values(MarkingCustomizersConfiguration.HEADER))
						.containsExactly("yes");
					assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
				});
		}
	}

	@Test
	void clientsTheApplicationBuildsFromItsBuildersCarryNoToken() {
		try (FakeAria aria = new FakeAria()) {
			this.contextRunner.withPropertyValues(aria.properties())
				.withUserConfiguration(ClientsFromInjectedBuildersConfiguration.class)
				.run((context) -> {
					// Built by the application while ours exist, for the very host that
					// gets the token from ours.
					WebClient webClient = context.getBean("myWebClient", WebClient.class);
					RestClient restClient = context.getBean("myRestClient", RestClient.class);
					assertThat(webClient.get()
						.uri("/ping")
						.retrieve()
						.toBodilessEntity()
						.block(Duration.ofSeconds(60))
						.getStatusCode()
						.value()).isEqualTo(200);
					assertThat(restClient.get().uri("/ping").retrieve().toBodilessEntity().getStatusCode().value())
						.isEqualTo(200);
					assertThat(aria.takeApiRequest().getHeaders().get("Authorization")).isNull();
					assertThat(aria.takeApiRequest().getHeaders().get("Authorization")).isNull();
					assertThat(aria.tokensIssued).hasValue(0);
				});
		}
	}

	@ParameterizedTest
	@EnumSource
	void buildersTheApplicationDefinesAreClonedAndLeftAsTheyWere(AriaClient client) {
		try (FakeAria aria = new FakeAria()) {
			this.contextRunner.withPropertyValues(aria.properties())
				.withUserConfiguration(SingletonBuildersConfiguration.class)
				.run((context) -> {
					SingletonBuildersConfiguration builders = context.getBean(SingletonBuildersConfiguration.class);
					// Ours come from these very builders: the application's filter and
					// interceptor are in them.
					assertThat(client.get(context, "/ping").status()).isEqualTo(200);
					RecordedRequest ours = aria.takeApiRequest();
					assertThat(ours.getHeaders().values(MarkingCustomizersConfiguration.HEADER)).containsExactly("yes");
					assertThat(ours.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
					// Yet the builders hold nothing of ours, and clients built from them
					// later carry no token.
					builders.webClientBuilder.filters((filters) -> assertThat(filters).hasSize(1)
						.noneMatch(AriaBearerExchangeFilterFunction.class::isInstance));
					builders.restClientBuilder.requestInterceptors((interceptors) -> assertThat(interceptors).hasSize(1)
						.noneMatch(AriaBearerClientHttpRequestInterceptor.class::isInstance));
					String api = aria.apiBaseUrl() + "/ping";
					builders.webClientBuilder.build()
						.get()
						.uri(api)
						.retrieve()
						.toBodilessEntity()
						.block(Duration.ofSeconds(60));
					builders.restClientBuilder.build().get().uri(api).retrieve().toBodilessEntity();
					assertThat(aria.takeApiRequest().getHeaders().get("Authorization")).isNull();
					assertThat(aria.takeApiRequest().getHeaders().get("Authorization")).isNull();
					assertThat(context.getBeansOfType(WebClientCustomizer.class).values())
						.noneMatch((customizer) -> customizer.getClass().getName().startsWith("io.github.ariaauth"));
					assertThat(context.getBeansOfType(RestClientCustomizer.class).values())
						.noneMatch((customizer) -> customizer.getClass().getName().startsWith("io.github.ariaauth"));
				});
		}
	}

	@Test
	void clientsWorkWithoutBootsBuilders() {
		try (FakeAria aria = new FakeAria()) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class,
						AriaWebClientAutoConfiguration.class, AriaRestClientAutoConfiguration.class))
				.withPropertyValues(aria.properties())
				.run((context) -> {
					assertThat(context).doesNotHaveBean(RestClient.Builder.class)
						.doesNotHaveBean(WebClient.Builder.class);
					// Built from plain builders, each client still carries the token.
					for (AriaClient client : AriaClient.values()) {
						assertThat(client.get(context, "/ping").status()).as(client.name()).isEqualTo(200);
						assertThat(aria.takeApiRequest().getHeaders().get("Authorization")).as(client.name())
							.isEqualTo("Bearer token-1");
					}
				});
		}
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
		this.contextRunner.withPropertyValues("aria.auth.allowed-hosts=https://api.example.com/path").run((context) -> {
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
	static class MarkingCustomizersConfiguration {

		static final String HEADER = "X-Customized";

		@Bean
		WebClientCustomizer markingWebClientCustomizer() {
			return (builder) -> builder.filter((request, next) -> next
				.exchange(ClientRequest.from(request).headers((headers) -> headers.add(HEADER, "yes")).build()));
		}

		@Bean
		RestClientCustomizer markingRestClientCustomizer() {
			return (builder) -> builder.requestInterceptor((request, body, execution) -> {
				request.getHeaders().add(HEADER, "yes");
				return execution.execute(request, body);
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientsFromInjectedBuildersConfiguration {

		@Bean
		WebClient myWebClient(WebClient.Builder builder, Environment environment) {
			return builder.baseUrl(environment.getRequiredProperty("aria.auth.api-base-url")).build();
		}

		@Bean
		RestClient myRestClient(RestClient.Builder builder, Environment environment) {
			return builder.baseUrl(environment.getRequiredProperty("aria.auth.api-base-url")).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SingletonBuildersConfiguration {

		final WebClient.Builder webClientBuilder = WebClient.builder();

		final RestClient.Builder restClientBuilder = RestClient.builder();

		SingletonBuildersConfiguration() {
			MarkingCustomizersConfiguration marking = new MarkingCustomizersConfiguration();
			marking.markingWebClientCustomizer().customize(this.webClientBuilder);
			marking.markingRestClientCustomizer().customize(this.restClientBuilder);
		}

		@Bean
		WebClient.Builder webClientBuilder() {
			return this.webClientBuilder;
		}

		@Bean
		RestClient.Builder restClientBuilder() {
			return this.restClientBuilder;
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
