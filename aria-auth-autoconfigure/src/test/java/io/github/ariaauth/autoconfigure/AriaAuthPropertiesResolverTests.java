package io.github.ariaauth.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaRegion;
import io.github.ariaauth.AriaStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link AriaAuthPropertiesResolver}, without a context: each rule of the
 * properties and the failure that names the property, the value and what would be valid.
 */
class AriaAuthPropertiesResolverTests {

	@Test
	void bothUrlsMakeTheRegionUnnecessary() {
		AriaAuthProperties properties = new AriaAuthProperties();
		properties.setTokenUri("https://auth.example.com/token");
		properties.setApiBaseUrl("https://api.example.com");
		assertThat(AriaAuthPropertiesResolver.endpoints(properties)).isEqualTo(
				new AriaEndpoints(URI.create("https://auth.example.com/token"), URI.create("https://api.example.com")));
	}

	@Test
	void regionAndStageGiveThePublishedEndpointsAndEachUrlOverridesItsOwn() {
		AriaAuthProperties properties = new AriaAuthProperties();
		properties.setRegion(AriaRegion.SGP);
		properties.setStage(AriaStage.FUTURE);
		AriaEndpoints published = AriaEndpoints.of(AriaRegion.SGP, AriaStage.FUTURE);
		assertThat(AriaAuthPropertiesResolver.endpoints(properties)).isEqualTo(published);
		properties.setApiBaseUrl("http://localhost:8089");
		assertThat(AriaAuthPropertiesResolver.endpoints(properties))
			.isEqualTo(new AriaEndpoints(published.tokenUri(), URI.create("http://localhost:8089")));
		properties.setApiBaseUrl(null);
		properties.setTokenUri("http://127.0.0.1:8089/token");
		assertThat(AriaAuthPropertiesResolver.endpoints(properties))
			.isEqualTo(new AriaEndpoints(URI.create("http://127.0.0.1:8089/token"), published.apiBaseUrl()));
	}

	@Test
	void blankUrlCountsAsNotSetAndSurroundingSpaceIsIgnored() {
		AriaAuthProperties properties = new AriaAuthProperties();
		properties.setRegion(AriaRegion.US);
		properties.setTokenUri("  ");
		properties.setApiBaseUrl("  https://api.example.com  ");
		AriaEndpoints endpoints = AriaAuthPropertiesResolver.endpoints(properties);
		assertThat(endpoints.tokenUri()).isEqualTo(AriaEndpoints.of(AriaRegion.US, AriaStage.PROD).tokenUri());
		assertThat(endpoints.apiBaseUrl()).isEqualTo(URI.create("https://api.example.com"));
	}

	@Test
	void withoutRegionAndWithOnlyOneUrlTheRegionIsMissing() {
		AriaAuthProperties properties = new AriaAuthProperties();
		properties.setTokenUri("https://auth.example.com/token");
		assertFailure(() -> AriaAuthPropertiesResolver.endpoints(properties), "aria.auth.region", "(not set)",
				"one of us, aus, sgp, cph (or set both aria.auth.token-uri and aria.auth.api-base-url)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://auth.example.com/token", "/token", "auth.example.com/token", "https:/token",
			"ftp://localhost/token", "http://localhost.example.com/token", "not a url" })
	void tokenUriMustBeAnAbsoluteHttpsUrlOrHttpToLoopback(String value) {
		AriaAuthProperties properties = new AriaAuthProperties();
		properties.setRegion(AriaRegion.US);
		properties.setTokenUri(value);
		assertFailure(() -> AriaAuthPropertiesResolver.endpoints(properties), "aria.auth.token-uri", "'" + value + "'",
				"an absolute https URL (plain http only for localhost, 127.0.0.0/8 or [::1])");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://billie.example.com", "billie.example.com" })
	void apiBaseUrlMustBeAnAbsoluteHttpsUrlOrHttpToLoopback(String value) {
		AriaAuthProperties properties = new AriaAuthProperties();
		properties.setRegion(AriaRegion.US);
		properties.setApiBaseUrl(value);
		assertFailure(() -> AriaAuthPropertiesResolver.endpoints(properties), "aria.auth.api-base-url",
				"'" + value + "'", "an absolute https URL (plain http only for localhost, 127.0.0.0/8 or [::1])");
	}

	@Test
	void credentialsInAUrlAreRejectedAndMasked() {
		AriaAuthProperties properties = new AriaAuthProperties();
		properties.setRegion(AriaRegion.US);
		properties.setTokenUri("https://svc:hunter2@auth.example.com/token");
		assertFailure(() -> AriaAuthPropertiesResolver.endpoints(properties), "aria.auth.token-uri",
				"'https://******@auth.example.com/token'",
				"an absolute https URL (plain http only for localhost, 127.0.0.0/8 or [::1])");
	}

	@Test
	void registrationCarriesTrimmedCredentialsScopesTokenUriAndThePostMethodByDefault() {
		AriaAuthProperties properties = credentials(" svc ", " key ");
		properties.setScope(List.of("api", "billing"));
		ClientRegistration registration = AriaAuthPropertiesResolver.clientRegistration(properties, endpoints());
		assertThat(registration.getRegistrationId()).isEqualTo("aria");
		assertThat(registration.getClientId()).isEqualTo("svc");
		assertThat(registration.getClientSecret()).isEqualTo("key");
		assertThat(registration.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
		assertThat(registration.getClientAuthenticationMethod())
			.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		assertThat(registration.getScopes()).containsExactlyInAnyOrder("api", "billing");
		assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo("https://auth.example.com/token");
	}

	@Test
	void basicAuthenticationIsUsedWhenAsked() {
		AriaAuthProperties properties = credentials("svc", "key");
		properties.setClientAuthenticationMethod(AriaAuthProperties.ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		assertThat(
				AriaAuthPropertiesResolver.clientRegistration(properties, endpoints()).getClientAuthenticationMethod())
			.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

	@Test
	void missingOrBlankCredentialsAreNamed() {
		String id = "the Billie service account ID, for example from the environment variable ARIA_AUTH_CLIENTID "
				+ "with client-id: ${ARIA_AUTH_CLIENTID} in application.yml";
		String key = "the Billie service account key, for example from the environment variable "
				+ "ARIA_AUTH_CLIENTSECRET with client-secret: ${ARIA_AUTH_CLIENTSECRET} in application.yml";
		assertFailure(() -> AriaAuthPropertiesResolver.clientRegistration(credentials(null, "key"), endpoints()),
				"aria.auth.client-id", "(not set)", id);
		assertFailure(() -> AriaAuthPropertiesResolver.clientRegistration(credentials(" ", "key"), endpoints()),
				"aria.auth.client-id", "(blank)", id);
		assertFailure(() -> AriaAuthPropertiesResolver.clientRegistration(credentials("svc", null), endpoints()),
				"aria.auth.client-secret", "(not set)", key);
		assertFailure(() -> AriaAuthPropertiesResolver.clientRegistration(credentials("svc", ""), endpoints()),
				"aria.auth.client-secret", "(blank)", key);
	}

	@Test
	void defaultTimingsAreValid() {
		assertThatNoException()
			.isThrownBy(() -> AriaAuthPropertiesResolver.checkTimings(new AriaAuthProperties.Token()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "connect-timeout", "read-timeout", "acquire-timeout", "refresh-window", "default-lifetime",
			"initial-backoff", "max-backoff", "max-backoff-without-token" })
	void everyDurationButTheExpiryMarginMustBePositive(String property) {
		for (Duration invalid : new Duration[] { Duration.ZERO, Duration.ofMillis(-1), null }) {
			AriaAuthProperties.Token token = new AriaAuthProperties.Token();
			set(token, property).accept(invalid);
			assertFailure(() -> AriaAuthPropertiesResolver.checkTimings(token), "aria.auth.token." + property,
					String.valueOf(invalid), "a positive duration, such as 10s");
		}
		AriaAuthProperties.Token token = new AriaAuthProperties.Token();
		// The smallest positive value passes (with an initial backoff no longer than it).
		token.setInitialBackoff(Duration.ofMillis(1));
		set(token, property).accept(Duration.ofMillis(1));
		assertThatNoException().isThrownBy(() -> AriaAuthPropertiesResolver.checkTimings(token));
	}

	@Test
	void expiryMarginMayBeZeroButNotNegative() {
		AriaAuthProperties.Token token = new AriaAuthProperties.Token();
		token.setExpiryMargin(Duration.ZERO);
		assertThatNoException().isThrownBy(() -> AriaAuthPropertiesResolver.checkTimings(token));
		token.setExpiryMargin(Duration.ofMillis(-1));
		assertFailure(() -> AriaAuthPropertiesResolver.checkTimings(token), "aria.auth.token.expiry-margin",
				"PT-0.001S", "a duration of zero or more, such as 30s");
		token.setExpiryMargin(null);
		assertFailure(() -> AriaAuthPropertiesResolver.checkTimings(token), "aria.auth.token.expiry-margin", "null",
				"a duration of zero or more, such as 30s");
	}

	@Test
	void maxBackoffMayEqualButNotUndercutTheInitialBackoff() {
		AriaAuthProperties.Token token = new AriaAuthProperties.Token();
		token.setInitialBackoff(Duration.ofSeconds(5));
		token.setMaxBackoff(Duration.ofSeconds(5));
		assertThatNoException().isThrownBy(() -> AriaAuthPropertiesResolver.checkTimings(token));
		token.setMaxBackoff(Duration.ofMillis(4999));
		assertFailure(() -> AriaAuthPropertiesResolver.checkTimings(token), "aria.auth.token.max-backoff", "PT4.999S",
				"a duration no shorter than aria.auth.token.initial-backoff (PT5S)");
	}

	private static Consumer<Duration> set(AriaAuthProperties.Token token, String property) {
		return switch (property) {
			case "connect-timeout" -> token::setConnectTimeout;
			case "read-timeout" -> token::setReadTimeout;
			case "acquire-timeout" -> token::setAcquireTimeout;
			case "refresh-window" -> token::setRefreshWindow;
			case "default-lifetime" -> token::setDefaultLifetime;
			case "initial-backoff" -> token::setInitialBackoff;
			case "max-backoff" -> token::setMaxBackoff;
			case "max-backoff-without-token" -> token::setMaxBackoffWithoutToken;
			default -> throw new IllegalArgumentException(property);
		};
	}

	private static AriaAuthProperties credentials(String clientId, String clientSecret) {
		AriaAuthProperties properties = new AriaAuthProperties();
		properties.setClientId(clientId);
		properties.setClientSecret(clientSecret);
		return properties;
	}

	private static AriaEndpoints endpoints() {
		return new AriaEndpoints(URI.create("https://auth.example.com/token"), URI.create("https://api.example.com"));
	}

	private static void assertFailure(Runnable resolution, String property, String value, String expected) {
		assertThatExceptionOfType(AriaAuthConfigurationException.class).isThrownBy(resolution::run)
			.satisfies((failure) -> {
				assertThat(failure.getProperty()).isEqualTo(property);
				assertThat(failure.getValue()).isEqualTo(value);
				assertThat(failure.getExpected()).isEqualTo(expected);
			});
	}

}
