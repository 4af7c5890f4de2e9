package io.github.ariaauth.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.AriaTokenTimings;
import io.github.ariaauth.BuilderTimings;
import io.github.ariaauth.TestTokens;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code aria.auth.registrations.<name>.token.*}: each setting a registration sets is its
 * own, each one it leaves unset is that of {@code aria.auth.token.*}. Registration
 * {@code billing} sets its own, {@code ledger} sets none, beside a default registration.
 */
class NamedRegistrationTokenSettingsTests {

	private static final String BILLING = "aria.auth.registrations.billing.";

	private static final String LEDGER = "aria.auth.registrations.ledger.";

	private static final String CERTIFICATE = "classpath:ssl/throwaway-localhost.crt";

	@StartStop
	private final MockWebServer tokenEndpoint = new MockWebServer();

	private final Map<String, AriaTokenTimings> timings = new ConcurrentHashMap<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, AriaAuthAutoConfiguration.class))
		.withBean(AriaTokenManagerBuilderCustomizer.class,
				() -> (builder) -> this.timings.put(builder.registrationId(), BuilderTimings.of(builder)))
		.withPropertyValues("aria.auth.client-id=svc", "aria.auth.client-secret=key-of-the-default",
				"aria.auth.region=us", BILLING + "client-id=billing", BILLING + "client-secret=key-of-billing",
				LEDGER + "client-id=ledger", LEDGER + "client-secret=key-of-ledger");

	@Test
	void eachTimingARegistrationSetsIsItsOwnAndEachItLeavesUnsetIsTheTopLevels() {
		withLocalEndpoints()
			.withPropertyValues("aria.auth.token.acquire-timeout=31s", "aria.auth.token.refresh-window=6m",
					"aria.auth.token.expiry-margin=31s", "aria.auth.token.default-lifetime=6m",
					"aria.auth.token.initial-backoff=2s", "aria.auth.token.max-backoff=3m",
					"aria.auth.token.max-backoff-without-token=3s")
			.withPropertyValues(BILLING + "token.acquire-timeout=32s", BILLING + "token.refresh-window=7m",
					BILLING + "token.expiry-margin=32s", BILLING + "token.default-lifetime=7m",
					BILLING + "token.initial-backoff=4s", BILLING + "token.max-backoff=4m",
					BILLING + "token.max-backoff-without-token=5s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				AriaTokenTimings topLevel = new AriaTokenTimings(Duration.ofSeconds(10), Duration.ofSeconds(31),
						Duration.ofMinutes(6), Duration.ofSeconds(31), Duration.ofMinutes(6), Duration.ofSeconds(2),
						Duration.ofMinutes(3), Duration.ofSeconds(3));
				assertThat(this.timings.get(AriaTokenManager.REGISTRATION_ID)).isEqualTo(topLevel);
				assertThat(withoutReadTimeout(this.timings.get("ledger"))).isEqualTo(withoutReadTimeout(topLevel));
				assertThat(withoutReadTimeout(this.timings.get("billing")))
					.isEqualTo(withoutReadTimeout(new AriaTokenTimings(Duration.ofSeconds(10), Duration.ofSeconds(32),
							Duration.ofMinutes(7), Duration.ofSeconds(32), Duration.ofMinutes(7), Duration.ofSeconds(4),
							Duration.ofMinutes(4), Duration.ofSeconds(5))));
			});
	}

	@Test
	void aRegistrationsReadTimeoutIsItsOwnOrTheTopLevels() {
		// Within the default read timeout (10 s), so only the inherited one fails ledger.
		this.tokenEndpoint.setDispatcher(dispatcher(
				new MockResponse.Builder(TestTokens.tokenResponse("late", 3600)).headersDelay(8, TimeUnit.SECONDS)
					.build()));
		// billing's own read timeout (1 min) is longer than its acquire timeout, which
		// therefore ends its wait.
		withLocalEndpoints()
			.withPropertyValues("aria.auth.token.read-timeout=300ms", "aria.auth.token.acquire-timeout=1m",
					BILLING + "token.read-timeout=1m", BILLING + "token.acquire-timeout=1500ms")
			.run((context) -> {
				AriaAuthException ledger = fetchFailure(manager(context, "ledger"));
				assertThat(ledger.getErrorDescription()).startsWith("HttpTimeoutException");
				AriaAuthException billing = fetchFailure(manager(context, "billing"));
				assertThat(billing.getErrorCode()).isEqualTo("timeout");
				assertThat(billing.getErrorDescription()).doesNotContain("HttpTimeoutException").contains("PT1.5S");
			});
	}

	@Test
	void aRegistrationsConnectTimeoutIsItsOwnOrTheTopLevels() {
		try (UnansweredConnections endpoint = UnansweredConnections.open()) {
			String tokenUri = "token-uri=http://127.0.0.1:" + endpoint.port() + "/token";
			// ledger inherits 8 s, longer than the default (5 s), so that only the
			// inherited setting can hold its attempt open that long. billing's own (1
			// min)
			// is longer than its acquire timeout, which therefore ends its wait.
			this.contextRunner
				.withPropertyValues(BILLING + tokenUri, LEDGER + tokenUri, BILLING + "api-base-url=http://localhost:1",
						LEDGER + "api-base-url=http://localhost:1", "aria.auth.token.connect-timeout=8s",
						"aria.auth.token.acquire-timeout=1m", BILLING + "token.connect-timeout=1m",
						BILLING + "token.acquire-timeout=1500ms")
				.run((context) -> {
					long started = System.nanoTime();
					AriaAuthException ledger = fetchFailure(manager(context, "ledger"));
					assertThat(Duration.ofNanos(System.nanoTime() - started))
						.isGreaterThanOrEqualTo(Duration.ofSeconds(8));
					assertThat(ledger.getErrorDescription()).startsWith("HttpConnectTimeoutException");
					AriaAuthException billing = fetchFailure(manager(context, "billing"));
					assertThat(billing.getErrorCode()).isEqualTo("timeout");
					assertThat(billing.getErrorDescription()).doesNotContain("HttpConnectTimeoutException")
						.contains("PT1.5S");
				});
		}
	}

	@Test
	void anSslBundleOfOneRegistrationTrustsItsEndpointForThatRegistrationOnly() {
		SslBundle serverBundle = SslBundle.of(new PemSslStoreBundle(
				PemSslStoreDetails.forCertificate(CERTIFICATE).withPrivateKey("classpath:ssl/throwaway-localhost.key"),
				null));
		this.tokenEndpoint.useHttps(serverBundle.createSslContext().getSocketFactory());
		this.tokenEndpoint.setDispatcher(dispatcher(TestTokens.tokenResponse("trusted", 3600)));
		withLocalEndpoints()
			.withPropertyValues("spring.ssl.bundle.pem.aria-token.truststore.certificate=" + CERTIFICATE,
					BILLING + "token.ssl-bundle=aria-token")
			.run((context) -> {
				assertThat(manager(context, "billing").getToken().tokenValue()).isEqualTo("trusted");
				AriaAuthException ledger = fetchFailure(manager(context, "ledger"));
				assertThat(ledger.getErrorCode()).isEqualTo("connection_failed");
				assertThat(ledger.getErrorDescription()).startsWith("SSLHandshakeException");
				assertThat(ledger.getHint()).contains(LEDGER + "token.ssl-bundle");
				assertThat(this.tokenEndpoint.getRequestCount()).isOne();
			});
	}

	@Test
	void registrationsWithTheSameConnectTimeoutAndSslBundleShareOneClient() {
		withLocalEndpoints()
			.withPropertyValues("aria.auth.registrations.payroll.client-id=payroll",
					"aria.auth.registrations.payroll.client-secret=key-of-payroll",
					"aria.auth.registrations.payroll.region=us", BILLING + "token.read-timeout=1m",
					"aria.auth.registrations.payroll.token.connect-timeout=9s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Object shared = ReflectionTestUtils.getField(context.getBean(DefaultAriaRegistrations.class), "shared");
				// billing (its own read timeout) and ledger share one; payroll has its
				// own.
				assertThat(shared).isInstanceOfSatisfying(SharedTokenResources.class,
						(resources) -> assertThat(resources.httpClientCount()).isEqualTo(2));
			});
	}

	@Test
	void startupFailsNamingTheRegistrationsOwnProperty() {
		withLocalEndpoints().withPropertyValues(BILLING + "token.read-timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(AriaAuthConfigurationException.class)
				.hasMessageContaining(BILLING + "token.read-timeout")
				.hasMessageContaining("a positive duration");
		});
	}

	@Test
	void startupFailsNamingTheRegistrationsOwnPropertiesWhenItsOwnAndInheritedTimingsDisagree() {
		// billing's own initial backoff is longer than the max backoff it inherits (2 m).
		withLocalEndpoints().withPropertyValues(BILLING + "token.initial-backoff=5m").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(AriaAuthConfigurationException.class)
				.hasMessageContaining(BILLING + "token.max-backoff")
				.hasMessageContaining(BILLING + "token.initial-backoff (PT5M)");
		});
	}

	@Test
	void startupFailsNamingTheRegistrationsOwnPropertyWhenItsSslBundleIsUnknown() {
		withLocalEndpoints().withPropertyValues(BILLING + "token.ssl-bundle=nope").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(AriaAuthConfigurationException.class)
				.hasMessageContaining(BILLING + "token.ssl-bundle")
				.hasMessageContaining("'nope'");
		});
	}

	@Test
	void startupFailsNamingAMisspelledTokenKeyOfARegistration() {
		withLocalEndpoints().withPropertyValues(BILLING + "token.read-timout=1m").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(BILLING + "token.read-timout")
				.hasMessageContaining("token.read-timeout");
		});
	}

	private ApplicationContextRunner withLocalEndpoints() {
		String tokenUri = this.tokenEndpoint.url("/token").toString();
		return this.contextRunner.withPropertyValues(BILLING + "token-uri=" + tokenUri,
				LEDGER + "token-uri=" + tokenUri, BILLING + "api-base-url=https://localhost:1",
				LEDGER + "api-base-url=https://localhost:1");
	}

	// A named registration's read timeout is its request factory's, not the builder's.
	private static AriaTokenTimings withoutReadTimeout(AriaTokenTimings timings) {
		return new AriaTokenTimings(Duration.ofSeconds(1), timings.acquireTimeout(), timings.refreshWindow(),
				timings.expiryMargin(), timings.defaultLifetime(), timings.initialBackoff(), timings.maxBackoff(),
				timings.maxBackoffWithoutToken());
	}

	private static AriaTokenManager manager(AssertableApplicationContext context, String name) {
		assertThat(context).hasNotFailed();
		return context.getBean(AriaRegistrations.class).tokenManager(name);
	}

	private static Dispatcher dispatcher(MockResponse answer) {
		return new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return answer;
			}
		};
	}

	private static AriaAuthException fetchFailure(AriaTokenManager manager) {
		AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, manager::getToken);
		assertThat(failure).as("the caller's exception").isNotNull();
		return failure;
	}

}
