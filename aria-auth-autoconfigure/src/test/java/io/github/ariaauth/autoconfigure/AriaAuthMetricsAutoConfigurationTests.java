package io.github.ariaauth.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.actuate.AriaTokenExpiryMetrics;
import io.github.ariaauth.actuate.AriaTokenMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AriaAuthMetricsAutoConfigurationTests {

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				AriaAuthAutoConfiguration.class, AriaAuthMetricsAutoConfiguration.class));

	@Test
	void tokenRequestsInvalidationsAndExpiryAreMeasured() {
		this.server
			.enqueue(json(200, "{\"access_token\":\"" + jwt() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			assertThat(context).hasBean("ariaTokenMetricsCustomizer").hasSingleBean(AriaTokenExpiryMetrics.class);
			AriaTokenManager manager = context.getBean(AriaTokenManager.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(AriaTokenExpiryMetrics.EXPIRY).gauge().value()).isZero();
			AriaAccessToken token = manager.getToken();
			// The timer comes from the token request's observation, stopped after the
			// callers got their answer.
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(registry.find(AriaTokenMetrics.REQUESTS)
					.tags("outcome", "success", "error.code", "none", "status", "200")
					.timer()).isNotNull());
			assertThat(registry.get(AriaTokenMetrics.REQUESTS)
				.tags("outcome", "success", "error.code", "none", "status", "200")
				.timer()
				.count()).isEqualTo(1);
			assertThat(registry.get(AriaTokenExpiryMetrics.EXPIRY).gauge().value()).isBetween(3500.0, 3600.0);
			manager.invalidate(token);
			manager.invalidate(token);
			assertThat(registry.get(AriaTokenMetrics.INVALIDATIONS).counter().count()).isEqualTo(1);
			assertThat(registry.get(AriaTokenExpiryMetrics.EXPIRY).gauge().value()).isZero();
		});
	}

	@Test
	void failedTokenRequestsAreTaggedWithTheErrorAndStatus() {
		this.server.enqueue(json(401, "{\"error\":\"invalid_client\"}"));
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			AriaTokenManager manager = context.getBean(AriaTokenManager.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThatExceptionOfType(AriaAuthException.class).isThrownBy(manager::getToken);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(registry.find(AriaTokenMetrics.REQUESTS).timer()).isNotNull());
			assertThat(registry.get(AriaTokenMetrics.REQUESTS)
				.tags("outcome", "failure", "error.code", "invalid_client", "status", "401")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AriaAuthAutoConfiguration.class, AriaAuthMetricsAutoConfiguration.class))
			.withPropertyValues(properties())
			.run((context) -> assertThat(context).hasSingleBean(AriaTokenManager.class)
				.doesNotHaveBean("ariaTokenMetricsCustomizer"));
	}

	@Test
	void backsOffWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AriaAuthAutoConfiguration.class, AriaAuthMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues(properties())
			.run((context) -> assertThat(context).hasSingleBean(AriaTokenManager.class)
				.doesNotHaveBean("ariaTokenMetrics"));
	}

	private String[] properties() {
		return new String[] { "aria.auth.client-id=svc", "aria.auth.client-secret=key",
				"aria.auth.token-uri=" + this.server.url("/token"), "aria.auth.api-base-url=http://localhost:1" };
	}

	static String jwt() {
		String payload = "{\"client_no\":\"7000213\",\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}";
		return encode("{\"alg\":\"none\"}") + "." + encode(payload) + ".sig";
	}

	private static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
	}

}
