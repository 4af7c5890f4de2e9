package io.github.ariaauth.autoconfigure;

import java.time.Instant;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A Spring Cloud refresh ({@code /actuator/refresh}, Config, Kubernetes reload) of
 * {@code aria.auth.client-secret} or a registration's: the next token request uses the
 * new secret, and a registration failing on the old one recovers at once rather than
 * after its backoff.
 */
class AriaSpringCloudRefreshTests {

	// Only stamps the token endpoint's records; the application runs on real time.
	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

	@Test
	void refreshedSecretsEndTheBackoffOfFailingRegistrations() throws Exception {
		try (RotatingTokenEndpoint endpoint = new RotatingTokenEndpoint(this.clock, "key-B", "emea-B");
				ConfigurableApplicationContext context = application(endpoint)) {
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
			for (String name : registrations.names()) {
				AriaTokenManager manager = registrations.tokenManager(name);
				assertThatExceptionOfType(AriaAuthException.class).isThrownBy(manager::getToken)
					.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_client"));
				// Within the two-minute backoff: the failure again, without a request.
				int requests = endpoint.requests().size();
				assertThatExceptionOfType(AriaAuthException.class).isThrownBy(manager::getToken);
				assertThat(endpoint.requests()).hasSize(requests);
				assertThat(manager.isAwaitingNewCredentials()).isTrue();
			}

			TestPropertyValues.of("aria.auth.client-secret=key-B", "aria.auth.registrations.emea.client-secret=emea-B")
				.applyTo(context);
			context.getBean(ContextRefresher.class).refresh();

			for (String name : registrations.names()) {
				registrations.tokenManager(name).getToken();
				assertThat(registrations.tokenManager(name).isAwaitingNewCredentials()).isFalse();
			}
			assertThat(endpoint.requests()).extracting(RotatingTokenEndpoint.Request::key)
				.containsExactly("key-A", "emea-A", "key-B", "emea-B");
		}
	}

	private static ConfigurableApplicationContext application(RotatingTokenEndpoint endpoint) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		String emea = "aria.auth.registrations.emea.";
		return new SpringApplicationBuilder(RefreshableApplication.class).bannerMode(Banner.Mode.OFF)
			.web(WebApplicationType.NONE)
			.environment(environment)
			.properties("aria.auth.client-id=svc", "aria.auth.client-secret=key-A",
					"aria.auth.token-uri=" + endpoint.tokenUri(), "aria.auth.api-base-url=http://127.0.0.1:1",
					emea + "client-id=svc-emea", emea + "client-secret=emea-A",
					emea + "token-uri=" + endpoint.tokenUri(), emea + "api-base-url=http://127.0.0.1:1",
					"aria.auth.token.max-backoff=2m", "aria.auth.token.max-backoff-without-token=2m")
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class RefreshableApplication {

	}

}
