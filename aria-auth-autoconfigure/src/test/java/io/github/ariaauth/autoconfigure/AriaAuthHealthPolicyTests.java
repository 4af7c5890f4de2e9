package io.github.ariaauth.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaRegistrations;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One registration without a token does not take a serving application's
 * {@code /actuator/health} to 503 by default; the application can ask for that with
 * Boot's status order and HTTP mapping; with no registration serving, health is DOWN.
 * Through the real health endpoint over HTTP.
 */
class AriaAuthHealthPolicyTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String USER = "ops";

	private static final String PASSWORD = "ops-password";

	private final FakeAria aria = new FakeAria();

	private final MockWebServer rejectingTokenEndpoint = new MockWebServer();

	@BeforeEach
	void start() throws Exception {
		this.rejectingTokenEndpoint.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return new MockResponse.Builder().code(401)
					.setHeader("Content-Type", "application/json")
					.body("{\"error\":\"invalid_client\"}")
					.build();
			}
		});
		this.rejectingTokenEndpoint.start();
	}

	@AfterEach
	void stop() {
		this.rejectingTokenEndpoint.close();
		this.aria.close();
	}

	@Test
	void oneRegistrationWithoutATokenLeavesAServingApplicationUp() throws Exception {
		try (ConfigurableApplicationContext context = application(this.aria.tokenEndpoint.url("/token").toString())
			.run()) {
			fetchTokens(context, true);
			HttpResponse<String> response = health(context);
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode health = JSON.readTree(response.body());
			assertThat(health.path("status").asString()).isEqualTo("UP");
			assertThat(health.at("/components/ariaAuth/status").asString()).isEqualTo("UP");
			assertThat(health.at("/components/ariaAuth/components/aria/status").asString()).isEqualTo("UP");
			assertThat(health.at("/components/ariaAuth/components/emea/status").asString())
				.isEqualTo("REGISTRATION_DOWN");
			assertThat(health.at("/components/ariaAuth/components/emea/details/error").asString())
				.isEqualTo("invalid_client");
		}
	}

	@Test
	void theApplicationCanLetOneRegistrationTakeItsHealthDown() throws Exception {
		try (ConfigurableApplicationContext context = application(this.aria.tokenEndpoint.url("/token").toString())
			.properties("management.endpoint.health.status.order=down,registration-down,out-of-service,up,unknown",
					"management.endpoint.health.status.http-mapping.registration-down=503")
			.run()) {
			fetchTokens(context, true);
			HttpResponse<String> response = health(context);
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("REGISTRATION_DOWN");
		}
	}

	@Test
	void noRegistrationServingIsDown() throws Exception {
		try (ConfigurableApplicationContext context = application(this.rejectingTokenEndpoint.url("/token").toString())
			.run()) {
			fetchTokens(context, false);
			HttpResponse<String> response = health(context);
			assertThat(response.statusCode()).isEqualTo(503);
			JsonNode health = JSON.readTree(response.body());
			assertThat(health.path("status").asString()).isEqualTo("DOWN");
			assertThat(health.at("/components/ariaAuth/components/aria/status").asString()).isEqualTo("DOWN");
			assertThat(health.at("/components/ariaAuth/components/emea/status").asString()).isEqualTo("DOWN");
		}
	}

	private static void fetchTokens(ConfigurableApplicationContext context, boolean defaultServes) {
		AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
		if (defaultServes) {
			assertThat(registrations.tokenManager("aria").getToken().tokenValue()).isNotEmpty();
		}
		else {
			assertThatExceptionOfType(AriaAuthException.class)
				.isThrownBy(() -> registrations.tokenManager("aria").getToken());
		}
		assertThatExceptionOfType(AriaAuthException.class)
			.isThrownBy(() -> registrations.tokenManager("emea").getToken());
	}

	private SpringApplicationBuilder application(String defaultTokenUri) {
		String emea = "aria.auth.registrations.emea.";
		return new SpringApplicationBuilder(HealthApplication.class).bannerMode(Banner.Mode.OFF)
			.web(WebApplicationType.SERVLET)
			.properties(Map.of("server.port", "0", "server.address", "127.0.0.1", "spring.security.user.name", USER,
					"spring.security.user.password", PASSWORD, "management.endpoint.health.show-details", "always"))
			.properties("aria.auth.client-id=default-client", "aria.auth.client-secret=default-secret",
					"aria.auth.token-uri=" + defaultTokenUri, "aria.auth.api-base-url=" + this.aria.apiBaseUrl(),
					emea + "client-id=emea-client", emea + "client-secret=emea-secret",
					emea + "token-uri=" + this.rejectingTokenEndpoint.url("/token"),
					emea + "api-base-url=" + this.aria.apiBaseUrl());
	}

	private static HttpResponse<String> health(ConfigurableApplicationContext context) throws Exception {
		String port = context.getEnvironment().getRequiredProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HealthApplication {

	}

}
