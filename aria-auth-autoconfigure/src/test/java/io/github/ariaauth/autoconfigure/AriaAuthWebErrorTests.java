package io.github.ariaauth.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token failure inside a web handler answers the application's client 503 with
 * {@code Retry-After}, in real Spring MVC and WebFlux servers, and tells it nothing about
 * the token endpoint, the hint or the other registrations.
 */
class AriaAuthWebErrorTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final String USER = "ops";

	private static final String PASSWORD = "ops-password";

	private final MockWebServer tokenEndpoint = new MockWebServer();

	private final MockWebServer api = new MockWebServer();

	@BeforeEach
	void start() throws Exception {
		this.tokenEndpoint.start();
		this.api.start();
		for (int i = 0; i < 4; i++) {
			this.tokenEndpoint.enqueue(new MockResponse.Builder().code(503)
				.setHeader("Retry-After", "30")
				.setHeader("Content-Type", "text/plain")
				.body("realm maintenance")
				.build());
		}
	}

	@AfterEach
	void stop() {
		this.tokenEndpoint.close();
		this.api.close();
	}

	@Test
	void mvcHandlerAnswers503WithRetryAfterAndNothingInternal() throws Exception {
		try (ConfigurableApplicationContext context = application(MvcApplication.class, WebApplicationType.SERVLET)
			// Even where the application shows exception messages.
			.properties("spring.web.error.include-message=always")
			.run()) {
			HttpResponse<String> response = get(context, "/ask");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
			assertThat(response.body()).contains("try again later");
			assertNothingInternal(response.body());
		}
	}

	@Test
	void webFluxHandlerAnswers503WithRetryAfterAndAProblemDetail() throws Exception {
		try (ConfigurableApplicationContext context = application(FluxApplication.class, WebApplicationType.REACTIVE)
			.properties("spring.webflux.problemdetails.enabled=false")
			.run()) {
			HttpResponse<String> response = get(context, "/ask");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("\"status\":503", "try again later");
			assertNothingInternal(response.body());
			// Other failures still reach Boot's error handler.
			assertThat(get(context, "/broken").statusCode()).isEqualTo(500);
		}
	}

	@Test
	void onlyReactiveWebApplicationsWithAriaAuthEnabledGetTheHandler() {
		AutoConfigurations errors = AutoConfigurations.of(AriaAuthErrorAutoConfiguration.class);
		new ReactiveWebApplicationContextRunner().withConfiguration(errors)
			.run((context) -> assertThat(context).hasBean("ariaAuthWebExceptionHandler"));
		new ReactiveWebApplicationContextRunner().withConfiguration(errors)
			.withPropertyValues("aria.auth.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("ariaAuthWebExceptionHandler"));
		new WebApplicationContextRunner().withConfiguration(errors)
			.run((context) -> assertThat(context).doesNotHaveBean("ariaAuthWebExceptionHandler"));
	}

	private void assertNothingInternal(String body) {
		assertThat(body).doesNotContain(Integer.toString(this.tokenEndpoint.getPort()), "/token", "Aria token request",
				"realm maintenance", "tenant-b", "aria.auth", "HTTP 503");
	}

	private SpringApplicationBuilder application(Class<?> application, WebApplicationType type) {
		String apiBaseUrl = this.api.url("/").toString().replaceAll("/$", "");
		String tokenUri = this.tokenEndpoint.url("/token").toString();
		return new SpringApplicationBuilder(application).bannerMode(Banner.Mode.OFF)
			.web(type)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.security.user.name=" + USER,
					"spring.security.user.password=" + PASSWORD, FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN,
					"aria.auth.client-id=web-client", "aria.auth.client-secret=web-secret",
					"aria.auth.token-uri=" + tokenUri, "aria.auth.api-base-url=" + apiBaseUrl,
					"aria.auth.registrations.tenant-b.client-id=tenant-b-client",
					"aria.auth.registrations.tenant-b.client-secret=tenant-b-secret",
					"aria.auth.registrations.tenant-b.token-uri=" + tokenUri,
					"aria.auth.registrations.tenant-b.api-base-url=" + apiBaseUrl);
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		String port = context.getEnvironment().getRequiredProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Accept", "application/json")
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(MvcController.class)
	static class MvcApplication {

	}

	@RestController
	static class MvcController {

		private final RestClient aria;

		MvcController(@Qualifier("ariaRestClient") RestClient aria) {
			this.aria = aria;
		}

		@GetMapping("/ask")
		String ask() {
			return this.aria.get().uri("/api/v2/anything").retrieve().body(String.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(FluxController.class)
	static class FluxApplication {

	}

	@RestController
	static class FluxController {

		private final WebClient aria;

		FluxController(@Qualifier("ariaWebClient") WebClient aria) {
			this.aria = aria;
		}

		@GetMapping("/ask")
		Mono<String> ask() {
			return this.aria.get().uri("/api/v2/anything").retrieve().bodyToMono(String.class);
		}

		@GetMapping("/broken")
		Mono<String> broken() {
			return Mono.error(new IllegalStateException("not ours"));
		}

	}

}
