package io.github.ariaauth.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.autoconfigure.AriaMultipleRegistrationsTests.Aria;
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;
import io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interceptor and the filter of a named registration, for clients the application
 * builds itself: by name through {@link AriaRegistrations} and as beans, each with the
 * registration's own host rules.
 */
class AriaRegistrationBearerTests {

	private final Aria us = new Aria("7000213", "us-secret");

	private final Aria emea = new Aria("7000999", "emea-secret");

	private final MockWebServer partner = new MockWebServer();

	private final List<String> partnerAuthorizations = new CopyOnWriteArrayList<>();

	private ApplicationContextRunner contextRunner = new ApplicationContextRunner();

	@BeforeEach
	void start() throws IOException {
		this.partner.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String authorization = request.getHeaders().get("Authorization");
				AriaRegistrationBearerTests.this.partnerAuthorizations
					.add((authorization != null) ? authorization : "(none)");
				return FakeAria.text(200, "partner");
			}
		});
		this.partner.start();
		this.contextRunner = new ApplicationContextRunner().withConfiguration(FakeAria.CLIENTS)
			.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
			.withPropertyValues(this.us.properties("aria.auth."))
			.withPropertyValues(this.emea.properties("aria.auth.registrations.emea."))
			.withPropertyValues("aria.auth.registrations.emea.allowed-hosts=" + this.partner.getHostName() + ":"
					+ this.partner.getPort())
			.withUserConfiguration(PlainInjection.class);
	}

	@AfterEach
	void close() {
		this.us.close();
		this.emea.close();
		this.partner.close();
	}

	@Test
	void aRestClientBuiltWithANamedRegistrationsInterceptorSendsItsTokenOnlyToItsAllowedHosts() {
		this.contextRunner.run((context) -> {
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
			AriaBearerClientHttpRequestInterceptor interceptor = registrations.interceptor("emea");
			assertThat(interceptor).isSameAs(context.getBean("ariaClientHttpRequestInterceptor-emea"));
			RestClient own = RestClient.builder()
				.requestFactory(context.getBean("ariaClientHttpRequestFactory", ClientHttpRequestFactory.class))
				.requestInterceptor(interceptor)
				.build();

			assertThat(get(own, this.emea.api.url("/ping").toString())).isEqualTo("7000999 answered");
			assertThat(get(own, this.partner.url("/ping").toString())).isEqualTo("partner");
			int otherRegistrationsHost = own.get()
				.uri(this.us.api.url("/ping").toString())
				.exchange((request, response) -> response.getStatusCode().value());

			assertThat(otherRegistrationsHost).isEqualTo(401);
			assertThat(this.us.apiAuthorizations()).containsExactly("(none)");
			assertThat(this.partnerAuthorizations).singleElement().asString().startsWith("Bearer 7000999-");
			assertThat(this.us.tokenRequests()).isEmpty();
		});
	}

	@Test
	void aWebClientBuiltWithANamedRegistrationsFilterSendsItsTokenOnlyToItsAllowedHosts() {
		this.contextRunner.run((context) -> {
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
			ExchangeFilterFunction filter = registrations.exchangeFilter("emea", ExchangeFilterFunction.class);
			assertThat(filter).isSameAs(context.getBean("ariaExchangeFilterFunction-emea"))
				.isSameAs(registrations.exchangeFilter("emea", AriaBearerExchangeFilterFunction.class));
			WebClient own = WebClient.builder()
				.clientConnector(context.getBean("ariaClientHttpConnector", ClientHttpConnector.class))
				.filter(filter)
				.build();

			assertThat(get(own, this.emea.api.url("/ping").toString())).isEqualTo("7000999 answered");
			assertThat(get(own, this.partner.url("/ping").toString())).isEqualTo("partner");
			Integer otherRegistrationsHost = own.get()
				.uri(this.us.api.url("/ping").toString())
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.block(Duration.ofSeconds(30));

			assertThat(otherRegistrationsHost).isEqualTo(401);
			assertThat(this.us.apiAuthorizations()).containsExactly("(none)");
			assertThat(this.partnerAuthorizations).singleElement().asString().startsWith("Bearer 7000999-");
		});
	}

	@Test
	void unqualifiedInjectionStillGetsTheDefaultRegistrationsInterceptorAndFilter() {
		this.contextRunner.run((context) -> {
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
			PlainInjection plain = context.getBean(PlainInjection.class);
			assertThat(plain.interceptor).isSameAs(registrations.interceptor("aria"))
				.isSameAs(context.getBean("ariaClientHttpRequestInterceptor"))
				.isNotSameAs(registrations.interceptor("emea"));
			assertThat(plain.filter)
				.isSameAs(registrations.exchangeFilter("aria", AriaBearerExchangeFilterFunction.class))
				.isNotSameAs(registrations.exchangeFilter("emea", AriaBearerExchangeFilterFunction.class));
			RestClient own = RestClient.builder()
				.requestFactory(new JdkClientHttpRequestFactory())
				.requestInterceptor(plain.interceptor)
				.build();
			assertThat(get(own, this.us.api.url("/ping").toString())).isEqualTo("7000213 answered");
		});
	}

	private static String get(RestClient client, String url) {
		return client.get().uri(url).retrieve().body(String.class);
	}

	private static String get(WebClient client, String url) {
		return client.get().uri(url).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
	}

	/**
	 * The application's own code, injecting the interceptor and the filter without a
	 * qualifier.
	 */
	static final class PlainInjection {

		final AriaBearerClientHttpRequestInterceptor interceptor;

		final AriaBearerExchangeFilterFunction filter;

		PlainInjection(AriaBearerClientHttpRequestInterceptor interceptor, AriaBearerExchangeFilterFunction filter) {
			this.interceptor = interceptor;
			this.filter = filter;
		}

	}

}
