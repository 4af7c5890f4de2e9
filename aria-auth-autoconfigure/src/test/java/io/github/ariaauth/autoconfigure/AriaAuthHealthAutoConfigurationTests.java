package io.github.ariaauth.autoconfigure;

import java.time.Duration;
import java.time.Instant;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.MutableClock;
import io.github.ariaauth.TestTokens;
import io.github.ariaauth.actuate.AriaAuthHealthIndicator;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AriaAuthHealthAutoConfigurationTests {

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(AriaAuthAutoConfiguration.class, AriaAuthHealthAutoConfiguration.class));

	@Test
	void upWithoutFetchingWhenNoTokenWasNeededYet() {
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			Health health = context.getBean("ariaAuthHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("token", "not fetched yet");
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void upWithTheExpiryWhileAValidTokenIsHeld() {
		this.server.enqueue(AriaAuthMetricsAutoConfigurationTests.json(200, "{\"access_token\":\""
				+ AriaAuthMetricsAutoConfigurationTests.jwt() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			AriaTokenManager manager = context.getBean(AriaTokenManager.class);
			String token = manager.getToken().tokenValue();
			Health health = context.getBean(AriaAuthHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("expiresAt",
					manager.getCachedToken().orElseThrow().expiresAt().toString());
			assertThat(health.toString()).doesNotContain(token, "key-of-the-account");
		});
	}

	@Test
	void downWithTheLastErrorWhenTheLastAttemptFailedAndNoTokenIsHeld() {
		this.server.enqueue(AriaAuthMetricsAutoConfigurationTests.json(401, "{\"error\":\"invalid_client\"}"));
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			assertThatExceptionOfType(AriaAuthException.class)
				.isThrownBy(context.getBean(AriaTokenManager.class)::getToken);
			Health health = context.getBean(AriaAuthHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("error", "invalid_client").containsEntry("httpStatus", 401);
			assertThat(health.toString()).doesNotContain("key-of-the-account");
			assertThat(this.server.getRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void failureWithoutAnErrorCodeShowsNone() {
		this.server.enqueue(AriaAuthMetricsAutoConfigurationTests.json(503, "{}"));
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			assertThatExceptionOfType(AriaAuthException.class)
				.isThrownBy(context.getBean(AriaTokenManager.class)::getToken);
			Health health = context.getBean(AriaAuthHealthIndicator.class).health();
			assertThat(health.getDetails()).containsEntry("error", "none").containsEntry("httpStatus", 503);
		});
	}

	@Test
	void canBeTurnedOff() {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("management.health.aria-auth.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AriaAuthHealthIndicator.class));
	}

	@Test
	void backsOffWithoutBootHealth() {
		this.contextRunner.withPropertyValues(properties())
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(AriaTokenManager.class)
				.doesNotHaveBean("ariaAuthHealthIndicator"));
	}

	@Test
	void downCarriesTheHintOfTheLastFailure() {
		this.server.enqueue(AriaAuthMetricsAutoConfigurationTests.json(400, "{\"error\":\"unauthorized_client\"}"));
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			AriaAuthException failure = catchThrowableOfType(AriaAuthException.class,
					context.getBean(AriaTokenManager.class)::getToken);
			Health health = context.getBean(AriaAuthHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("hint", failure.getHint());
			assertThat(failure.getHint()).contains("service-account use");
		});
	}

	@Test
	void upWhileRefreshesFailAsLongAsAValidTokenIsHeld() {
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		MutableClock clock = new MutableClock(start);
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(start, start.plusSeconds(3600)), 3600));
		this.server.enqueue(AriaAuthMetricsAutoConfigurationTests.json(503, "{\"error\":\"temporarily_unavailable\"}"));
		this.contextRunner.withPropertyValues(properties())
			.withBean(AriaTokenManager.class,
					() -> AriaTokenManager
						.builder(ClientRegistration.withRegistrationId("aria")
							.clientId("svc")
							.clientSecret("key-of-the-account")
							.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
							.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
							.tokenUri(this.server.url("/token").toString())
							.build())
						.clock(clock)
						.executor(Runnable::run)
						.build())
			.run((context) -> {
				AriaTokenManager manager = context.getBean(AriaTokenManager.class);
				AriaAccessToken token = manager.getToken();
				// Inside the refresh window (it opens 55 to 57.25 minutes in), outside
				// the expiry margin.
				clock.advance(Duration.ofMinutes(58));
				assertThat(manager.getToken()).isSameAs(token);
				assertThat(this.server.getRequestCount()).isEqualTo(2);
				assertThat(manager.getLastFailure()).isPresent();
				Health health = context.getBean(AriaAuthHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("expiresAt", token.expiresAt().toString());
			});
	}

	private String[] properties() {
		return new String[] { "aria.auth.client-id=svc", "aria.auth.client-secret=key-of-the-account",
				"aria.auth.token-uri=" + this.server.url("/token"), "aria.auth.api-base-url=http://localhost:1" };
	}

}
