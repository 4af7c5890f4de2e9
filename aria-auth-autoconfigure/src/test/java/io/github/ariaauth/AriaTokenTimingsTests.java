package io.github.ariaauth;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link AriaTokenTimings}, the rules the properties and the builder share.
 */
class AriaTokenTimingsTests {

	private static final AriaTokenTimings D = AriaTokenTimings.DEFAULTS;

	private static final String[] SETTINGS = { "read-timeout", "acquire-timeout", "refresh-window", "expiry-margin",
			"default-lifetime", "initial-backoff", "max-backoff", "max-backoff-without-token" };

	@Test
	void defaultsFollowTheRules() {
		assertThat(D.acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(D.maxBackoffWithoutToken()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void everyDurationButTheExpiryMarginMustBePositive() {
		AriaTokenTimings.InvalidTimingException zero = catchThrowableOfType(
				AriaTokenTimings.InvalidTimingException.class,
				() -> new AriaTokenTimings(D.readTimeout(), Duration.ZERO, D.refreshWindow(), D.expiryMargin(),
						D.defaultLifetime(), D.initialBackoff(), D.maxBackoff(), D.maxBackoffWithoutToken()));

		assertThat(zero.getSetting()).isEqualTo("acquire-timeout");
		assertThat(zero.getValue()).isEqualTo(Duration.ZERO);
		assertThat(zero.getValid("aria.auth.token.")).isEqualTo("a positive duration, such as 10s");
		assertThat(new AriaTokenTimings(D.readTimeout(), D.acquireTimeout(), D.refreshWindow(), Duration.ZERO,
				D.defaultLifetime(), D.initialBackoff(), D.maxBackoff(), D.maxBackoffWithoutToken())
			.expiryMargin()).as("no margin is allowed").isZero();
		assertThat(catchThrowableOfType(AriaTokenTimings.InvalidTimingException.class,
				() -> new AriaTokenTimings(D.readTimeout(), D.acquireTimeout(), D.refreshWindow(),
						Duration.ofMillis(-1), D.defaultLifetime(), D.initialBackoff(), D.maxBackoff(),
						D.maxBackoffWithoutToken()))
			.getSetting()).isEqualTo("expiry-margin");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 4, 5, 6, 7 })
	void eachPositiveSettingRefusesZeroNegativeAndMissingValuesByItsName(int index) {
		for (Duration bad : new Duration[] { Duration.ZERO, Duration.ofMillis(-1), null }) {
			AriaTokenTimings.InvalidTimingException ex = catchThrowableOfType(
					AriaTokenTimings.InvalidTimingException.class, () -> timingsWith(index, bad));

			assertThat(ex.getSetting()).isEqualTo(SETTINGS[index]);
			assertThat(ex.getValue()).isEqualTo(bad);
			assertThat(ex.getMessage())
				.isEqualTo(SETTINGS[index] + " " + bad + " is invalid: expected a positive duration, such as 10s");
		}
		assertThat(timingsWith(index, Duration.ofMillis(1))).as("one millisecond is positive").isNotNull();
	}

	@Test
	void expiryMarginMustBeGiven() {
		assertThat(catchThrowableOfType(AriaTokenTimings.InvalidTimingException.class, () -> timingsWith(3, null))
			.getSetting()).isEqualTo("expiry-margin");
	}

	@Test
	void maxBackoffMayEqualTheInitialOne() {
		assertThat(new AriaTokenTimings(D.readTimeout(), D.acquireTimeout(), D.refreshWindow(), D.expiryMargin(),
				D.defaultLifetime(), Duration.ofSeconds(4), Duration.ofSeconds(4), D.maxBackoffWithoutToken())
			.maxBackoff()).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void maxBackoffMayNotBeShorterThanTheInitialOneAndTheMessageNamesBoth() {
		AriaTokenTimings.InvalidTimingException shorter = catchThrowableOfType(
				AriaTokenTimings.InvalidTimingException.class,
				() -> new AriaTokenTimings(D.readTimeout(), D.acquireTimeout(), D.refreshWindow(), D.expiryMargin(),
						D.defaultLifetime(), Duration.ofSeconds(5), Duration.ofSeconds(4), D.maxBackoffWithoutToken()));

		assertThat(shorter.getSetting()).isEqualTo("max-backoff");
		assertThat(shorter.getValid("aria.auth.token."))
			.isEqualTo("a duration no shorter than aria.auth.token.initial-backoff (PT5S)");
		assertThat(shorter.getMessage()).contains("max-backoff", "initial-backoff (PT5S)");
	}

	@Test
	void builderHandsEverySettingOverAndStartsFromTheDefaults() {
		AriaTokenManager.Builder builder = AriaTokenManager.builder(
				org.springframework.security.oauth2.client.registration.ClientRegistration.withRegistrationId("billing")
					.clientId("id")
					.clientSecret("secret")
					.authorizationGrantType(
							org.springframework.security.oauth2.core.AuthorizationGrantType.CLIENT_CREDENTIALS)
					.tokenUri("https://sso.example.com/token")
					.build());
		assertThat(builder.timings()).isEqualTo(D);
		assertThat(builder.registrationId()).isEqualTo("billing");

		builder.httpClient(
				java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build(),
				Duration.ofSeconds(1))
			.acquireTimeout(Duration.ofSeconds(2))
			.refreshWindow(Duration.ofSeconds(3))
			.expiryMargin(Duration.ofSeconds(4))
			.defaultLifetime(Duration.ofSeconds(5))
			.backoff(Duration.ofSeconds(6), Duration.ofSeconds(7))
			.maxBackoffWithoutToken(Duration.ofSeconds(8));

		assertThat(builder.timings()).isEqualTo(new AriaTokenTimings(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(6),
				Duration.ofSeconds(7), Duration.ofSeconds(8)));
	}

	@Test
	void builderRefusesWhatItCannotDoWithout() {
		org.springframework.security.oauth2.client.registration.ClientRegistration registration = org.springframework.security.oauth2.client.registration.ClientRegistration
			.withRegistrationId("aria")
			.clientId("id")
			.clientSecret("secret")
			.authorizationGrantType(org.springframework.security.oauth2.core.AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("http://sso.example.com/token")
			.build();
		AriaTokenManager.Builder builder = AriaTokenManager.builder(registration);

		assertThatIllegalArgumentException().isThrownBy(() -> AriaTokenManager.builder(null))
			.withMessage("registration must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.httpClient(null, Duration.ofSeconds(1)))
			.withMessage("httpClient must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.completionExecutor(null))
			.withMessage("completionExecutor must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.listener(null))
			.withMessage("listener must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.observationRegistry(null))
			.withMessage("observationRegistry must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.credentialsProvider(null))
			.withMessage("credentialsProvider must not be null");
		assertThatIllegalArgumentException().as("plain http off this machine").isThrownBy(builder::build);
	}

	@Test
	void builderRefusesTimingsThatBreakARuleWhenItBuilds() {
		AriaTokenManager.Builder builder = AriaTokenManager
			.builder(org.springframework.security.oauth2.client.registration.ClientRegistration
				.withRegistrationId("aria")
				.clientId("id")
				.clientSecret("secret")
				.authorizationGrantType(
						org.springframework.security.oauth2.core.AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenUri("https://sso.example.com/token")
				.build())
			.backoff(Duration.ofSeconds(5), Duration.ofSeconds(4));

		assertThat(catchThrowableOfType(AriaTokenTimings.InvalidTimingException.class, builder::build).getSetting())
			.isEqualTo("max-backoff");
	}

	private static AriaTokenTimings timingsWith(int index, Duration value) {
		Duration[] values = { D.readTimeout(), D.acquireTimeout(), D.refreshWindow(), D.expiryMargin(),
				D.defaultLifetime(), D.initialBackoff(), D.maxBackoff(), D.maxBackoffWithoutToken() };
		values[index] = value;
		if (index == 6 && value != null && !value.isNegative() && !value.isZero()) {
			// A valid max backoff below the default initial one needs a smaller initial.
			values[5] = value;
		}
		return new AriaTokenTimings(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
				values[7]);
	}

}
