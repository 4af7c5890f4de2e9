package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;
import io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction;
import mockwebserver3.MockWebServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients the application builds itself, the way the README shows: with
 * {@code ariaClientHttpRequestFactory} or {@code ariaClientHttpConnector} and our
 * interceptor or filter, they never follow a redirect, so the token cannot follow one to
 * another host.
 */
class AriaRedirectSafeClientsTests {

	private final FakeAria aria = new FakeAria();

	private final ApplicationContextRunner contextRunner = this.aria.clientsRunner()
		.withUserConfiguration(OwnClients.class);

	@AfterEach
	void closeServers() {
		this.aria.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void ownRestClientBuiltWithOurRequestFactoryDoesNotFollowARedirect(String library) throws Exception {
		try (MockWebServer other = FakeAria.otherHost()) {
			other.start();
			this.aria.redirectApiTo(other);
			this.contextRunner.withPropertyValues(clients(library)).run((context) -> {
				RestClient client = context.getBean("billieRestClient", RestClient.class);
				int status = client.get()
					.uri("/ping")
					.exchange((request, response) -> response.getStatusCode().value());
				assertThat(status).isEqualTo(302);
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
				assertThat(other.getRequestCount()).isZero();
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void ownWebClientBuiltWithOurConnectorDoesNotFollowARedirect(String library) throws Exception {
		try (MockWebServer other = FakeAria.otherHost()) {
			other.start();
			this.aria.redirectApiTo(other);
			this.contextRunner.withPropertyValues(clients(library)).run((context) -> {
				WebClient client = context.getBean("billieWebClient", WebClient.class);
				Integer status = client.get()
					.uri("/ping")
					.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
					.block();
				assertThat(status).isEqualTo(302);
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
				assertThat(other.getRequestCount()).isZero();
			});
		}
	}

	@Test
	void ownRestClientWithOnlyTheInterceptorFollowsTheRedirectWithTheJdkClient() throws Exception {
		// Why the factory matters: Boot's clients follow redirects, so this client would
		// take a request elsewhere.
		try (MockWebServer other = FakeAria.otherHost()) {
			other.enqueue(FakeAria.text(200, "elsewhere"));
			other.start();
			this.aria.redirectApiTo(other);
			this.contextRunner.withPropertyValues(clients("jdk")).run((context) -> {
				RestClient client = context.getBean("interceptorOnlyRestClient", RestClient.class);
				int status = client.get()
					.uri("/ping")
					.exchange((request, response) -> response.getStatusCode().value());
				assertThat(status).isEqualTo(200);
				assertThat(other.getRequestCount()).isOne();
			});
		}
	}

	@Test
	void factoryAndConnectorAreNeverTheAnswerToAnUnqualifiedInjectionPoint() {
		// Without Boot's HTTP client auto-configuration ours are the only factory and
		// connector, so an unqualified injection point would get them if they were
		// default candidates (with Boot's own beans present it would get none either
		// way).
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class,
					AriaWebClientAutoConfiguration.class, AriaRestClientAutoConfiguration.class))
			.withUserConfiguration(UnqualifiedInjection.class)
			.withPropertyValues(this.aria.properties())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasBean("ariaClientHttpRequestFactory")
					.hasBean("ariaClientHttpConnector");
				UnqualifiedInjection injected = context.getBean(UnqualifiedInjection.class);
				assertThat(injected.requestFactory).isNull();
				assertThat(injected.connector).isNull();
			});
	}

	private static String[] clients(String library) {
		return new String[] { "spring.http.clients.imperative.factory=" + library,
				"spring.http.clients.reactive.connector=" + library };
	}

	/**
	 * An application component with unqualified, optional injection points for a request
	 * factory and a connector.
	 */
	static class UnqualifiedInjection {

		@Autowired(required = false)
		@Nullable ClientHttpRequestFactory requestFactory;

		@Autowired(required = false)
		@Nullable ClientHttpConnector connector;

	}

	/**
	 * The application's own clients, built as the README shows ({@code baseUrl} aside).
	 */
	@Configuration(proxyBeanMethods = false)
	static class OwnClients {

		@Bean
		RestClient billieRestClient(RestClient.Builder builder,
				@Qualifier("ariaClientHttpRequestFactory") ClientHttpRequestFactory ariaRequestFactory,
				AriaBearerClientHttpRequestInterceptor ariaInterceptor, AriaEndpoints endpoints) {
			return builder.clone()
				.requestFactory(ariaRequestFactory)
				.requestInterceptor(ariaInterceptor)
				.baseUrl(endpoints.apiBaseUrl().toString())
				.build();
		}

		@Bean
		WebClient billieWebClient(WebClient.Builder builder,
				@Qualifier("ariaClientHttpConnector") ClientHttpConnector ariaConnector,
				AriaBearerExchangeFilterFunction ariaFilter, AriaEndpoints endpoints) {
			return builder.clone()
				.clientConnector(ariaConnector)
				.filter(ariaFilter)
				.baseUrl(endpoints.apiBaseUrl().toString())
				.build();
		}

		@Bean
		RestClient interceptorOnlyRestClient(RestClient.Builder builder,
				AriaBearerClientHttpRequestInterceptor ariaInterceptor, AriaEndpoints endpoints) {
			return builder.clone()
				.requestInterceptor(ariaInterceptor)
				.baseUrl(endpoints.apiBaseUrl().toString())
				.build();
		}

	}

}
