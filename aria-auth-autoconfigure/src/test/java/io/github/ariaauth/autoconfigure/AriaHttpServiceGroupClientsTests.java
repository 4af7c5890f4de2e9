package io.github.ariaauth.autoconfigure;

import java.time.Duration;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README on HTTP interface clients: group {@code aria} gets the base URL and the token in
 * both flavours, other groups are left alone, and
 * {@code spring.http.serviceclient.aria.base-url} wins while the token still goes only to
 * allowed hosts.
 */
class AriaHttpServiceGroupClientsTests {

	private final FakeAria aria = new FakeAria();

	private final ApplicationContextRunner contextRunner = this.aria.clientsRunner()
		.withConfiguration(AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class,
				HttpServiceClientAutoConfiguration.class, ReactiveHttpServiceClientAutoConfiguration.class));

	@AfterEach
	void closeServers() {
		this.aria.close();
	}

	@Test
	void webClientGroupClientsGetTheBaseUrlAndTheToken() {
		this.aria.apiAnswer = (request) -> FakeAria.text(200, "pong");
		this.contextRunner.withUserConfiguration(ReactiveAriaGroup.class).run((context) -> {
			assertThat(context.getBean(ReactiveBillie.class).ping().block(Duration.ofSeconds(60))).isEqualTo("pong");
			RecordedRequest request = this.aria.takeApiRequest();
			assertThat(request.getTarget()).isEqualTo("/ping");
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		});
	}

	@Test
	void otherGroupsAreLeftAloneEvenForTheApiHost() {
		this.contextRunner.withUserConfiguration(ThreeGroups.class)
			.withPropertyValues("spring.http.serviceclient.other.base-url=" + this.aria.apiBaseUrl(),
					"spring.http.serviceclient.other-reactive.base-url=" + this.aria.apiBaseUrl())
			.run((context) -> {
				context.getBean(OtherService.class).ping();
				context.getBean(OtherReactiveService.class).ping().block(Duration.ofSeconds(60));
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isNull();
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isNull();
				assertThat(this.aria.tokensIssued).hasValue(0);
				context.getBean(Billie.class).ping();
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
			});
	}

	@ParameterizedTest
	@ValueSource(classes = { AriaGroup.class, ReactiveAriaGroup.class })
	void baseUrlSetForTheGroupTakesPrecedenceAndGetsNoTokenUnlessItsHostIsAllowed(Class<?> group) throws Exception {
		try (MockWebServer gateway = new MockWebServer()) {
			gateway.enqueue(FakeAria.text(200, "via gateway"));
			gateway.enqueue(FakeAria.text(200, "via gateway"));
			gateway.start();
			ApplicationContextRunner runner = this.contextRunner.withUserConfiguration(group)
				.withPropertyValues("spring.http.serviceclient.aria.base-url=" + gateway.url("/billie"));
			runner.run((context) -> {
				assertThat(ping(context)).isEqualTo("via gateway");
				RecordedRequest request = FakeAria.take(gateway);
				assertThat(request.getTarget()).isEqualTo("/billie/ping");
				assertThat(request.getHeaders().get("Authorization")).isNull();
			});
			runner.withPropertyValues("aria.auth.allowed-hosts=" + gateway.getHostName() + ":" + gateway.getPort())
				.run((context) -> {
					assertThat(ping(context)).isEqualTo("via gateway");
					assertThat(FakeAria.take(gateway).getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
				});
			assertThat(this.aria.api.getRequestCount()).isZero();
		}
	}

	private static String ping(ApplicationContext context) {
		if (context.getBeanNamesForType(Billie.class).length > 0) {
			return context.getBean(Billie.class).ping();
		}
		return context.getBean(ReactiveBillie.class).ping().block(Duration.ofSeconds(60));
	}

	interface Billie {

		@GetExchange("/ping")
		String ping();

	}

	interface ReactiveBillie {

		@GetExchange("/ping")
		Mono<String> ping();

	}

	interface OtherService {

		@GetExchange("/ping")
		String ping();

	}

	interface OtherReactiveService {

		@GetExchange("/ping")
		Mono<String> ping();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "aria", types = ReactiveBillie.class, clientType = ClientType.WEB_CLIENT)
	static class ReactiveAriaGroup {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "aria", types = Billie.class)
	@ImportHttpServices(group = "other", types = OtherService.class)
	@ImportHttpServices(group = "other-reactive", types = OtherReactiveService.class,
			clientType = ClientType.WEB_CLIENT)
	static class ThreeGroups {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "aria", types = Billie.class)
	static class AriaGroup {

	}

}
