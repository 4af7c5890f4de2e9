package io.github.ariaauth.autoconfigure;

import java.time.Duration;

import java.util.Arrays;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.RefusingPort;
import io.github.ariaauth.actuate.AriaTokenMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * README's observability table: the tags of {@code aria.auth.token.requests} for failures
 * without a known code or without an HTTP answer, and the one INFO line at startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class AriaAuthObservabilityTests {

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				AriaAuthAutoConfiguration.class, AriaAuthMetricsAutoConfiguration.class))
		.withPropertyValues("aria.auth.client-id=svc", "aria.auth.client-secret=key-of-the-account",
				"aria.auth.api-base-url=http://localhost:1");

	@Test
	void errorCodeTheServerMadeUpIsTaggedOther() {
		this.server
			.enqueue(AriaAuthMetricsAutoConfigurationTests.json(400, "{\"error\":\"x_" + "a".repeat(40) + "\"}"));
		this.contextRunner.withPropertyValues("aria.auth.token-uri=" + this.server.url("/token"))
			.run((context) -> assertFailureTagged(context.getBean(AriaTokenManager.class),
					context.getBean(MeterRegistry.class), "other", "400"));
	}

	@Test
	void failureWithoutAnErrorCodeIsTaggedNone() {
		this.server.enqueue(AriaAuthMetricsAutoConfigurationTests.json(503, ""));
		this.contextRunner.withPropertyValues("aria.auth.token-uri=" + this.server.url("/token"))
			.run((context) -> assertFailureTagged(context.getBean(AriaTokenManager.class),
					context.getBean(MeterRegistry.class), "none", "503"));
	}

	@Test
	void failureWithoutAnHttpAnswerHasStatusNone() {
		try (RefusingPort port = RefusingPort.open()) {
			this.contextRunner.withPropertyValues("aria.auth.token-uri=http://127.0.0.1:" + port.port() + "/token")
				.run((context) -> assertFailureTagged(context.getBean(AriaTokenManager.class),
						context.getBean(MeterRegistry.class), "connection_failed", "none"));
		}
	}

	@Test
	void startupLogsOneInfoLineWithRegionStageEndpointsAndClientId(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("aria.auth.region=aus", "aria.auth.stage=current", "aria.auth.api-base-url=")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(Arrays.stream(output.getAll().split("\\R")).filter((line) -> line.contains("aria-auth:")))
					.singleElement()
					.asString()
					.contains("INFO", "region aus, stage current",
							"token endpoint https://kauth.current.stage.aus.ariasystems.net/realms/aria/protocol/openid-connect/token",
							"API https://billieconnect.current.stage.aus.ariasystems.net", "client id svc")
					.doesNotContain("key-of-the-account");
			});
	}

	private static void assertFailureTagged(AriaTokenManager manager, MeterRegistry registry, String error,
			String status) {
		assertThatExceptionOfType(AriaAuthException.class).isThrownBy(manager::getToken);
		// The timer comes from the token request's observation, stopped after the caller
		// got its answer.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(registry.find(AriaTokenMetrics.REQUESTS).timer()).isNotNull());
		assertThat(registry.get(AriaTokenMetrics.REQUESTS).timers()).singleElement().satisfies((timer) -> {
			assertThat(timer.getId().getTag("outcome")).isEqualTo("failure");
			assertThat(timer.getId().getTag("error.code")).isEqualTo(error);
			assertThat(timer.getId().getTag("status")).isEqualTo(status);
			assertThat(timer.count()).isOne();
		});
	}

}
