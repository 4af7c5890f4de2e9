package io.github.ariaauth.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ariaauth.AriaRegistrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.context.support.StandardServletEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret and no token shows through Boot's real actuator endpoints over HTTP, in a web
 * application whose secrets come from a real system-environment property source in every
 * spelling a user can set them in, with values shown to an authenticated user.
 */
class AriaAuthActuatorEndpointsTests {

	private static final String CANONICAL_SECRET = "env-canonical-secret-7Qx";

	private static final String SECOND_SECRET = "env-second-secret-8Rw";

	private static final String README_SECRET = "env-readme-secret-9Sv";

	private static final String VAULT_SECRET = "env-vault-secret-1Tu";

	private static final String JSON_SECRET = "env-json-secret-2Ut";

	private static final String CAMEL_SECRET = "props-camel-secret-3Vs";

	private static final List<String> SECRETS = List.of(CANONICAL_SECRET, SECOND_SECRET, README_SECRET, VAULT_SECRET,
			JSON_SECRET, CAMEL_SECRET);

	private static final String USER = "ops";

	private static final String PASSWORD = "ops-password-4Wr";

	private static FakeAria aria;

	private static ConfigurableApplicationContext context;

	private static final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startApplication() {
		aria = new FakeAria();
		String tokenUri = aria.tokenEndpoint.url("/token").toString();
		String apiBaseUrl = aria.apiBaseUrl();
		Map<String, Object> environmentVariables = new LinkedHashMap<>();
		// Boot's canonical form, as Kubernetes and .env files supply it.
		environmentVariables.put("ARIA_AUTH_CLIENTID", "env-client");
		environmentVariables.put("ARIA_AUTH_CLIENTSECRET", CANONICAL_SECRET);
		environmentVariables.put("ARIA_AUTH_TOKENURI", tokenUri);
		environmentVariables.put("ARIA_AUTH_APIBASEURL", apiBaseUrl);
		environmentVariables.put("ARIA_AUTH_REGISTRATIONS_SECOND_CLIENTID", "second-client");
		environmentVariables.put("ARIA_AUTH_REGISTRATIONS_SECOND_CLIENTSECRET", SECOND_SECRET);
		environmentVariables.put("ARIA_AUTH_REGISTRATIONS_SECOND_TOKENURI", tokenUri);
		environmentVariables.put("ARIA_AUTH_REGISTRATIONS_SECOND_APIBASEURL", apiBaseUrl);
		// Variables that placeholders name: README's and an arbitrary one.
		environmentVariables.put("ARIA_AUTH_CLIENT_SECRET", README_SECRET);
		environmentVariables.put("MY_VAULT_VALUE", VAULT_SECRET);
		environmentVariables.put("SPRING_APPLICATION_JSON",
				"{\"aria\":{\"auth\":{\"registrations\":{\"json\":{\"client-id\":\"json-client\",\"client-secret\":\""
						+ JSON_SECRET + "\",\"token-uri\":\"" + tokenUri + "\",\"api-base-url\":\"" + apiBaseUrl
						+ "\"}}}}}");
		StandardServletEnvironment environment = new StandardServletEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
		context = new SpringApplicationBuilder(ActuatorApplication.class).bannerMode(Banner.Mode.OFF)
			.environment(environment)
			.properties("server.port=0", "server.address=127.0.0.1", "management.endpoints.web.exposure.include=*",
					"management.endpoint.env.show-values=when-authorized",
					"management.endpoint.configprops.show-values=always",
					"management.endpoint.health.show-details=always", "spring.security.user.name=" + USER,
					"spring.security.user.password=" + PASSWORD, FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
			.properties(registration("readme", "${ARIA_AUTH_CLIENT_SECRET}", tokenUri, apiBaseUrl))
			.properties(registration("vault", "${MY_VAULT_VALUE}", tokenUri, apiBaseUrl))
			.properties("aria.auth.registrations.camel.clientId=camel-client",
					"aria.auth.registrations.camel.clientSecret=" + CAMEL_SECRET,
					"aria.auth.registrations.camel.tokenUri=" + tokenUri,
					"aria.auth.registrations.camel.apiBaseUrl=" + apiBaseUrl)
			.run();
	}

	private static String[] registration(String name, String secret, String tokenUri, String apiBaseUrl) {
		String prefix = "aria.auth.registrations." + name + ".";
		return new String[] { prefix + "client-id=" + name + "-client", prefix + "client-secret=" + secret,
				prefix + "token-uri=" + tokenUri, prefix + "api-base-url=" + apiBaseUrl };
	}

	@AfterAll
	static void stopApplication() {
		if (context != null) {
			context.close();
		}
		aria.close();
	}

	@Test
	void everyRegistrationUsesTheSecretFromItsSpelling() {
		AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
		assertThat(registrations.names()).containsExactlyInAnyOrder("aria", "second", "readme", "vault", "json",
				"camel");
		Map<String, String> secrets = new LinkedHashMap<>();
		registrations.names()
			.forEach((name) -> secrets.put(name,
					registrations.tokenManager(name).getClientRegistration().getClientSecret()));
		assertThat(secrets).containsEntry("aria", CANONICAL_SECRET)
			.containsEntry("second", SECOND_SECRET)
			.containsEntry("readme", README_SECRET)
			.containsEntry("vault", VAULT_SECRET)
			.containsEntry("json", JSON_SECRET)
			.containsEntry("camel", CAMEL_SECRET);
	}

	@Test
	void noEndpointShowsASecretOrATokenWhileValuesAreShown() throws Exception {
		AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
		List<String> tokens = new ArrayList<>();
		registrations.names().forEach((name) -> tokens.add(registrations.tokenManager(name).getToken().tokenValue()));
		List<String> paths = new ArrayList<>(
				List.of("env", "configprops", "configprops/aria.auth", "health", "health/ariaAuth", "metrics",
						"metrics/aria.auth.token.requests", "metrics/aria.auth.token.expiry", "beans", "conditions"));
		// Each key names a property that some source holds (a 404 would prove nothing).
		for (String key : List.of("ARIA_AUTH_CLIENTSECRET", "aria.auth.client-secret", "aria.auth.clientSecret",
				"aria_auth_clientsecret", "ARIA_AUTH_REGISTRATIONS_SECOND_CLIENTSECRET", "ARIA_AUTH_CLIENT_SECRET",
				"MY_VAULT_VALUE", "SPRING_APPLICATION_JSON", "aria.auth.registrations.json.client-secret",
				"aria.auth.registrations.vault.client-secret", "aria.auth.registrations.readme.client-secret",
				"aria.auth.registrations.camel.clientSecret")) {
			paths.add("env/" + key);
		}
		for (String path : paths) {
			String body = get(path);
			assertThat(body).as(path).isNotEmpty();
			for (String secret : SECRETS) {
				assertThat(body).as(path).doesNotContain(secret);
			}
			for (String token : tokens) {
				assertThat(body).as(path).doesNotContain(token);
			}
		}
		// Values are shown: what is not a secret is there to read.
		assertThat(get("env/ARIA_AUTH_CLIENTID")).contains("env-client");
		assertThat(get("env/ARIA_AUTH_CLIENTSECRET")).contains("******");
		assertThat(get("configprops/aria.auth")).contains("second-client", "camel-client");
		assertThat(get("health")).contains("expiresAt");
	}

	private static String get(String path) throws IOException, InterruptedException {
		String port = context.getEnvironment().getRequiredProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/" + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ActuatorApplication {

	}

}
