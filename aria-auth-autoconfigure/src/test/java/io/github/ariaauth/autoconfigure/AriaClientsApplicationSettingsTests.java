package io.github.ariaauth.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;
import io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Signal;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.ClientHttpMessageConvertersCustomizer;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's "Customizing": {@code ariaWebClient}/{@code ariaRestClient} are built from the
 * application's builders, so its HTTP client settings, codecs, message converters and
 * observation apply to them; a bean of the same name replaces ours; the filter and
 * interceptor beans give clients the application builds the same rules.
 */
class AriaClientsApplicationSettingsTests {

	private final FakeAria aria = new FakeAria();

	private final ApplicationContextRunner contextRunner = this.aria.clientsRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpMessageConvertersAutoConfiguration.class, CodecsAutoConfiguration.class));

	@AfterEach
	void closeServers() {
		this.aria.close();
	}

	@ParameterizedTest
	@EnumSource
	void httpClientLibraryChosenUnderSpringHttpClientsIsUsed(AriaClient client) {
		this.contextRunner.run((context) -> {
			client.get(context, "/ping");
			assertThat(this.aria.takeApiRequest().getHeaders().get("User-Agent")).startsWith("ReactorNetty/");
		});
		this.contextRunner
			.withPropertyValues("spring.http.clients.imperative.factory=jdk",
					"spring.http.clients.reactive.connector=jdk")
			.run((context) -> {
				client.get(context, "/ping");
				assertThat(this.aria.takeApiRequest().getHeaders().get("User-Agent")).startsWith("Java-http-client/");
			});
	}

	@ParameterizedTest
	@EnumSource
	void readTimeoutSetUnderSpringHttpClientsApplies(AriaClient client) {
		this.aria.apiAnswer = (request) -> new MockResponse.Builder(FakeAria.text(200, "late"))
			.headersDelay(5, TimeUnit.SECONDS)
			.build();
		this.contextRunner.withPropertyValues("spring.http.clients.read-timeout=300ms").run((context) -> {
			Throwable failure = client.failureOf(context, "/ping");
			assertThat(failure).isNotNull().isNotInstanceOf(AriaAuthException.class);
			if (client == AriaClient.REST_CLIENT) {
				assertThat(failure).isInstanceOf(ResourceAccessException.class);
			}
			assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		});
	}

	@ParameterizedTest
	@EnumSource
	void sslBundleSetUnderSpringHttpClientsApplies(AriaClient client) throws Exception {
		try (MockWebServer httpsApi = new MockWebServer()) {
			httpsApi.useHttps(SslBundle
				.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate("classpath:ssl/throwaway-localhost.crt")
					.withPrivateKey("classpath:ssl/throwaway-localhost.key"), null))
				.createSslContext()
				.getSocketFactory());
			httpsApi.enqueue(FakeAria.text(200, "secure"));
			httpsApi.start();
			String baseUrl = httpsApi.url("/").toString();
			ApplicationContextRunner runner = this.contextRunner
				.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
				.withPropertyValues("aria.auth.api-base-url=" + baseUrl.substring(0, baseUrl.length() - 1),
						"spring.ssl.bundle.pem.api.truststore.certificate=classpath:ssl/throwaway-localhost.crt");
			// The JVM does not trust the throw-away certificate; the bundle does.
			runner.run((context) -> assertThat(client.failureOf(context, "/ping")).isNotNull()
				.isNotInstanceOf(AriaAuthException.class));
			runner.withPropertyValues("spring.http.clients.ssl.bundle=api").run((context) -> {
				assertThat(client.get(context, "/ping")).isEqualTo(new AriaClient.Reply(200, "secure"));
				assertThat(FakeAria.take(httpsApi).getHeaders().get("Authorization")).startsWith("Bearer token-");
			});
		}
	}

	@ParameterizedTest
	@EnumSource
	void connectorOrRequestFactorySetOnTheApplicationsBuilderGivesWayToOneBuiltFromTheSettings(AriaClient client) {
		// Both set the JDK client, which the settings (Reactor Netty, the default here)
		// do not ask for.
		this.contextRunner.withUserConfiguration(OwnConnectorAndRequestFactoryConfiguration.class).run((context) -> {
			client.get(context, "/ping");
			assertThat(this.aria.takeApiRequest().getHeaders().get("User-Agent")).startsWith("ReactorNetty/");
		});
	}

	@Test
	void filterAndInterceptorBeansGiveClientsTheApplicationBuildsTheSameRules() throws Exception {
		this.aria.apiAnswer = (request) -> "Bearer token-1".equals(request.getHeaders().get("Authorization"))
				? FakeAria.text(401, "expired") : FakeAria.text(200, "ok");
		try (MockWebServer other = new MockWebServer()) {
			other.enqueue(FakeAria.text(200, "elsewhere"));
			other.enqueue(FakeAria.text(200, "elsewhere"));
			other.start();
			this.contextRunner.run((context) -> {
				WebClient webClient = WebClient.builder()
					.filter(context.getBean(AriaBearerExchangeFilterFunction.class))
					.build();
				RestClient restClient = RestClient.builder()
					.requestInterceptor(context.getBean(AriaBearerClientHttpRequestInterceptor.class))
					.build();
				String api = this.aria.apiBaseUrl() + "/ping";
				// 401 to token-1: dropped, token-2 fetched, the request resent once.
				assertThat(webClient.get().uri(api).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(60)))
					.isEqualTo("ok");
				assertThat(restClient.get().uri(api).retrieve().body(String.class)).isEqualTo("ok");
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-2");
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-2");
				webClient.get()
					.uri(other.url("/x").toString())
					.retrieve()
					.toBodilessEntity()
					.block(Duration.ofSeconds(60));
				restClient.get().uri(other.url("/x").toString()).retrieve().toBodilessEntity();
				assertThat(FakeAria.take(other).getHeaders().get("Authorization")).isNull();
				assertThat(FakeAria.take(other).getHeaders().get("Authorization")).isNull();
			});
		}
	}

	@Test
	void codecSettingsApplyToAriaWebClient() {
		this.aria.apiAnswer = (request) -> FakeAria.text(200, "x".repeat(100));
		this.contextRunner.withPropertyValues("spring.http.codecs.max-in-memory-size=16B").run((context) -> {
			WebClient webClient = context.getBean("ariaWebClient", WebClient.class);
			Signal<String> answer = webClient.get()
				.uri("/ping")
				.retrieve()
				.bodyToMono(String.class)
				.materialize()
				.block(Duration.ofSeconds(60));
			assertThat(answer.getThrowable()).hasRootCauseInstanceOf(DataBufferLimitException.class);
		});
	}

	@Test
	void messageConvertersOfTheApplicationApplyToAriaRestClient() {
		this.aria.apiAnswer = (request) -> FakeAria.text(200, "psst");
		this.contextRunner.withUserConfiguration(ShoutConverterConfiguration.class).run((context) -> {
			RestClient restClient = context.getBean("ariaRestClient", RestClient.class);
			assertThat(restClient.get().uri("/ping").retrieve().body(Shout.class)).isEqualTo(new Shout("PSST"));
		});
	}

	@ParameterizedTest
	@EnumSource
	void requestsAreObservedThroughTheApplicationsObservationRegistry(AriaClient client) {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(RestClientObservationAutoConfiguration.class,
					WebClientObservationAutoConfiguration.class))
			.withUserConfiguration(RecordingObservationConfiguration.class)
			.run((context) -> {
				client.get(context, "/api/v2/converse");
				List<Observation.Context> observed = context.getBean(RecordingObservationConfiguration.class).observed;
				// The API call, besides the token request (aria.auth.token.requests) and
				// its own HTTP call.
				assertThat(observed)
					.filteredOn((observation) -> "http.client.requests".equals(observation.getName())
							&& uriOf(observation).endsWith("/api/v2/converse"))
					.hasSize(1);
				assertThat(observed).extracting(Observation.Context::getName)
					.containsOnly("http.client.requests", "aria.auth.token.requests");
			});
	}

	@Test
	void beansNamedAriaWebClientAndAriaRestClientReplaceOurs() {
		this.contextRunner.withUserConfiguration(OwnAriaClientsConfiguration.class).run((context) -> {
			assertThat(context.getBean("ariaWebClient")).isSameAs(OwnAriaClientsConfiguration.WEB_CLIENT);
			assertThat(context.getBean("ariaRestClient")).isSameAs(OwnAriaClientsConfiguration.REST_CLIENT);
			assertThat(context.getBeansOfType(WebClient.class)).containsOnlyKeys("ariaWebClient");
			assertThat(context.getBeansOfType(RestClient.class)).containsOnlyKeys("ariaRestClient");
			// The filter stays available for clients the application builds itself.
			assertThat(context).hasSingleBean(AriaBearerExchangeFilterFunction.class);
		});
	}

	private static String uriOf(Observation.Context observation) {
		if (observation instanceof ClientRequestObservationContext imperative && imperative.getCarrier() != null) {
			return imperative.getCarrier().getURI().toString();
		}
		if (observation instanceof org.springframework.web.reactive.function.client.ClientRequestObservationContext reactive
				&& reactive.getRequest() != null) {
			return reactive.getRequest().url().toString();
		}
		throw new AssertionError("not an HTTP client observation: " + observation);
	}

	record Shout(String text) {
	}

	@Configuration(proxyBeanMethods = false)
	static class ShoutConverterConfiguration {

		@Bean
		ClientHttpMessageConvertersCustomizer shoutConverter() {
			return (builder) -> builder
				.addCustomConverter(new AbstractHttpMessageConverter<Shout>(MediaType.TEXT_PLAIN) {

					@Override
					protected boolean supports(Class<?> type) {
						return Shout.class == type;
					}

					@Override
					protected Shout readInternal(Class<? extends Shout> type, HttpInputMessage input)
							throws IOException {
						return new Shout(
								new String(input.getBody().readAllBytes(), StandardCharsets.UTF_8).toUpperCase());
					}

					@Override
					protected void writeInternal(Shout shout, HttpOutputMessage output) {
						throw new UnsupportedOperationException();
					}

				});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnConnectorAndRequestFactoryConfiguration {

		@Bean
		WebClientCustomizer jdkConnector() {
			return (builder) -> builder.clientConnector(new JdkClientHttpConnector());
		}

		@Bean
		RestClientCustomizer jdkRequestFactory() {
			return (builder) -> builder.requestFactory(new JdkClientHttpRequestFactory());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingObservationConfiguration {

		final List<Observation.Context> observed = new CopyOnWriteArrayList<>();

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public void onStop(Observation.Context context) {
					RecordingObservationConfiguration.this.observed.add(context);
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			});
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAriaClientsConfiguration {

		static final WebClient WEB_CLIENT = WebClient.create("https://billie.example.com");

		static final RestClient REST_CLIENT = RestClient.create("https://billie.example.com");

		@Bean
		WebClient ariaWebClient() {
			return WEB_CLIENT;
		}

		@Bean
		RestClient ariaRestClient() {
			return REST_CLIENT;
		}

	}

}
