package io.github.ariaauth.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaRegion;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaStage;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.TestTokens;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A named registration honours the shared {@code aria.auth.token.*} timings and its own
 * region, stage, scope, allowed hosts and client authentication method: each test sets
 * one of them to a value whose effect the default could not have, on registration
 * {@code billing} alone (a default registration with the defaults sits beside it).
 */
class NamedRegistrationSettingsTests {

	private static final String BILLING = "aria.auth.registrations.billing.";

	@StartStop
	private final MockWebServer tokenEndpoint = new MockWebServer();

	@StartStop
	private final MockWebServer api = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(FakeAria.CLIENTS)
		.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN, "aria.auth.region=us", "aria.auth.client-id=svc",
				"aria.auth.client-secret=key-of-the-default")
		.withPropertyValues(BILLING + "client-id=billing", BILLING + "client-secret=key-of-billing");

	@Test
	void regionAndStageChooseTheRegistrationsEndpoints() {
		this.contextRunner.withPropertyValues(BILLING + "region=cph", BILLING + "stage=current").run((context) -> {
			AriaEndpoints expected = AriaEndpoints.of(AriaRegion.CPH, AriaStage.CURRENT);
			assertThat(billing(context).getClientRegistration().getProviderDetails().getTokenUri())
				.isEqualTo(expected.tokenUri().toString());
			assertThat(context.getBean(DefaultAriaRegistrations.class).endpoints("billing")).isEqualTo(expected);
			assertThat(context.getBean(AriaEndpoints.class)).isEqualTo(AriaEndpoints.of(AriaRegion.US, AriaStage.PROD));
		});
	}

	@Test
	void scopeIsRequestedForTheRegistration() throws Exception {
		this.tokenEndpoint.enqueue(token(3600));
		withLocalEndpoints().withPropertyValues(BILLING + "scope=billing.read,billing.write").run((context) -> {
			billing(context).getToken();
			String body = this.tokenEndpoint.takeRequest().getBody().string(StandardCharsets.UTF_8);
			assertThat(body).contains("scope=billing.read+billing.write");
		});
	}

	@Test
	void clientAuthenticationMethodDecidesHowTheRegistrationsSecretTravels() throws Exception {
		this.tokenEndpoint.enqueue(token(3600));
		withLocalEndpoints().withPropertyValues(BILLING + "client-authentication-method=client-secret-basic")
			.run((context) -> {
				assertThat(billing(context).getClientRegistration().getClientAuthenticationMethod())
					.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
				billing(context).getToken();
				RecordedRequest request = this.tokenEndpoint.takeRequest();
				assertThat(request.getHeaders().get("Authorization")).startsWith("Basic ");
				assertThat(request.getBody().string(StandardCharsets.UTF_8)).doesNotContain("key-of-billing");
			});
	}

	@Test
	void allowedHostsLetTheRegistrationsTokenGoToAnotherHost() throws Exception {
		try (MockWebServer other = new MockWebServer()) {
			other.start();
			other.enqueue(new MockResponse.Builder().code(200).body("ok").build());
			this.tokenEndpoint.enqueue(token(3600));
			String otherHost = other.getHostName() + ":" + other.getPort();
			withLocalEndpoints().withPropertyValues(BILLING + "allowed-hosts=" + otherHost).run((context) -> {
				context.getBean(AriaRegistrations.class)
					.restClient("billing")
					.get()
					.uri(other.url("/elsewhere").toString())
					.retrieve()
					.toBodilessEntity();
				assertThat(other.takeRequest().getHeaders().get("Authorization")).startsWith("Bearer token-");
			});
		}
	}

	@Test
	void defaultLifetimeAppliesToTheRegistration() {
		this.tokenEndpoint.enqueue(TestTokens.json(200, "{\"access_token\":\"opaque\",\"token_type\":\"Bearer\"}"));
		withLocalEndpoints().withPropertyValues("aria.auth.token.default-lifetime=7m").run((context) -> {
			AriaAccessToken token = billing(context).getToken();
			assertThat(Duration.between(token.issuedAt(), token.expiresAt())).isEqualTo(Duration.ofMinutes(7));
		});
	}

	@Test
	void acquireTimeoutBoundsTheRegistrationsCallers() {
		CountDownLatch release = new CountDownLatch(1);
		this.tokenEndpoint.setDispatcher(dispatcher((request) -> {
			try {
				return release.await(10, TimeUnit.SECONDS) ? token(3600) : unavailable();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return unavailable();
			}
		}));
		try {
			withLocalEndpoints().withPropertyValues("aria.auth.token.acquire-timeout=300ms").run((context) -> {
				AriaAuthException failure = fetchFailure(billing(context));
				assertThat(failure.getErrorCode()).isEqualTo("timeout");
				assertThat(failure.getErrorDescription()).contains("PT0.3S");
			});
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void readTimeoutBoundsTheRegistrationsWaitForAnAnswer() {
		this.tokenEndpoint.enqueue(new MockResponse.Builder(token(3600)).headersDelay(10, TimeUnit.SECONDS).build());
		// With the default (10 s), the 4 s acquire timeout would end the wait first.
		withLocalEndpoints()
			.withPropertyValues("aria.auth.token.read-timeout=300ms", "aria.auth.token.acquire-timeout=4s")
			.run((context) -> {
				AriaAuthException failure = fetchFailure(billing(context));
				assertThat(failure.getErrorCode()).isEqualTo("timeout");
				assertThat(failure.getErrorDescription()).startsWith("HttpTimeoutException");
			});
	}

	@Test
	void backoffWithAndWithoutATokenSpacesTheRegistrationsAttempts() {
		AtomicInteger requests = new AtomicInteger();
		this.tokenEndpoint.setDispatcher(dispatcher((request) -> {
			requests.incrementAndGet();
			return unavailable();
		}));
		// The defaults (1 s initial backoff, 2 s without a token) would allow a second
		// attempt within 2 s.
		withLocalEndpoints()
			.withPropertyValues("aria.auth.token.initial-backoff=10m", "aria.auth.token.max-backoff=20m",
					"aria.auth.token.max-backoff-without-token=20m")
			.run((context) -> {
				AriaTokenManager billing = billing(context);
				fetchFailure(billing);
				await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(6)).until(() -> {
					fetchFailure(billing);
					return requests.get() == 1;
				});
			});
	}

	@Test
	void maxBackoffCapsTheRegistrationsDelayEvenWhenRetryAfterAsksForMore() {
		this.tokenEndpoint.enqueue(new MockResponse.Builder(unavailable()).setHeader("Retry-After", "3600").build());
		this.tokenEndpoint.enqueue(token(3600));
		// With the default cap (2 min) the second attempt would wait that long.
		withLocalEndpoints()
			.withPropertyValues("aria.auth.token.initial-backoff=100ms", "aria.auth.token.max-backoff=200ms")
			.run((context) -> {
				AriaTokenManager billing = billing(context);
				assertThat(fetchFailure(billing).getRetryAfter()).isEqualTo(Duration.ofHours(1));
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(20))
					.ignoreExceptions()
					.until(() -> billing.getToken() != null);
			});
	}

	@Test
	void refreshWindowDecidesWhenTheRegistrationsRefreshStarts() {
		List<Instant> arrivals = new CopyOnWriteArrayList<>();
		this.tokenEndpoint.setDispatcher(dispatcher((request) -> {
			arrivals.add(Instant.now());
			return token(2);
		}));
		// A 2 s token: with the default window (capped at half the lifetime) the refresh
		// would start 1 to 1.4 s after it was issued; with 250 ms, not before 1.75 s.
		withLocalEndpoints()
			.withPropertyValues("aria.auth.token.refresh-window=250ms", "aria.auth.token.expiry-margin=10ms")
			.run((context) -> {
				AriaTokenManager billing = billing(context);
				AriaAccessToken first = billing.getToken();
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
					billing.getToken();
					return arrivals.size() >= 2;
				});
				assertThat(Duration.between(first.issuedAt(), arrivals.get(1)))
					.isGreaterThanOrEqualTo(Duration.ofMillis(1749));
			});
	}

	@Test
	void expiryMarginDecidesWhenTheRegistrationsTokenIsNoLongerSent() {
		AtomicInteger requests = new AtomicInteger();
		this.tokenEndpoint
			.setDispatcher(dispatcher((request) -> (requests.incrementAndGet() == 1) ? token(2) : unavailable()));
		// A 2 s token: with the default margin (capped at a tenth of the lifetime) it
		// would stop being sent 1.8 s after it was issued; with 50 ms, not before 1.95 s.
		withLocalEndpoints().withPropertyValues("aria.auth.token.expiry-margin=50ms").run((context) -> {
			AriaTokenManager billing = billing(context);
			AriaAccessToken first = billing.getToken();
			Instant[] withheldBy = new Instant[1];
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
				AriaAccessToken available = billing.getTokenIfAvailable();
				withheldBy[0] = Instant.now();
				return available == null;
			});
			assertThat(Duration.between(first.issuedAt(), withheldBy[0]))
				.isGreaterThanOrEqualTo(Duration.ofMillis(1949));
		});
	}

	private ApplicationContextRunner withLocalEndpoints() {
		return this.contextRunner.withPropertyValues(BILLING + "token-uri=" + this.tokenEndpoint.url("/token"),
				BILLING + "api-base-url=" + this.api.url("/"));
	}

	private static AriaTokenManager billing(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(AriaRegistrations.class).tokenManager("billing");
	}

	private static Dispatcher dispatcher(Function<RecordedRequest, MockResponse> answer) {
		return new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return answer.apply(request);
			}
		};
	}

	private static MockResponse unavailable() {
		return new MockResponse.Builder().code(503).setHeader("Content-Type", "text/plain").body("unavailable").build();
	}

	private static MockResponse token(long expiresIn) {
		return TestTokens.json(200, "{\"access_token\":\"token-" + System.nanoTime()
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
	}

	private static AriaAuthException fetchFailure(AriaTokenManager manager) {
		AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, manager::getToken);
		assertThat(failure).as("the caller's exception").isNotNull();
		return failure;
	}

}
