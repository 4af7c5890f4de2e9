package io.github.ariaauth.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.MutableClock;
import io.github.ariaauth.TestTokens;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Every {@code aria.auth.token.*} property reaches the token core or the token request:
 * each test sets one property to a value whose effect the default could not have, and
 * watches the auto-configured {@link AriaTokenManager} over real HTTP on loopback.
 * <p>
 * The auto-configured manager tells time with the system clock, so the tests about timing
 * wait for real time; they assert only what the property guarantees from below (nothing
 * happens before its moment), which no slow machine can break, and pick values that the
 * default would have acted on visibly earlier.
 */
// Left out of mutation testing (parent pom, profile pitest): it waits for real time.
@Tag("slow")
class TokenPropertiesReachCoreTests {

	private static final String PATH = "/realms/aria/protocol/openid-connect/token";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class))
		.withPropertyValues("aria.auth.client-id=svc", "aria.auth.client-secret=key-of-the-account",
				"aria.auth.api-base-url=http://localhost:1");

	@Test
	void connectTimeoutBoundsTheConnectionToTheTokenEndpoint() {
		try (UnansweredConnections endpoint = UnansweredConnections.open()) {
			// Longer than the default (5 s), so that only the property can hold the
			// attempt open that long: a lower bound, which no slow machine can break (a
			// short timeout racing a budget could lose on one).
			this.contextRunner
				.withPropertyValues("aria.auth.token-uri=http://127.0.0.1:" + endpoint.port() + PATH,
						"aria.auth.token.connect-timeout=8s", "aria.auth.token.acquire-timeout=1m")
				.run((context) -> {
					long started = System.nanoTime();
					AriaAuthException failure = fetchFailure(context.getBean(AriaTokenManager.class));
					assertThat(Duration.ofNanos(System.nanoTime() - started))
						.isGreaterThanOrEqualTo(Duration.ofSeconds(8));
					assertThat(failure.getErrorCode()).isEqualTo("timeout");
					assertThat(failure.getErrorDescription()).startsWith("HttpConnectTimeoutException");
				});
		}
	}

	@Test
	void readTimeoutBoundsTheWaitForTheAnswer() {
		this.server.enqueue(new MockResponse.Builder(token(3600)).headersDelay(10, TimeUnit.SECONDS).build());
		// With the default (10 s), the 4 s acquire timeout would end the wait first.
		this.contextRunner
			.withPropertyValues(tokenUri(), "aria.auth.token.read-timeout=300ms", "aria.auth.token.acquire-timeout=4s")
			.run((context) -> {
				AriaAuthException failure = fetchFailure(context.getBean(AriaTokenManager.class));
				assertThat(failure.getErrorCode()).isEqualTo("timeout");
				assertThat(failure.getErrorDescription()).startsWith("HttpTimeoutException");
			});
	}

	@Test
	void acquireTimeoutBoundsHowLongACallerWaitsForAToken() {
		CountDownLatch release = new CountDownLatch(1);
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				// Long before the default acquire timeout (30 s) the answer comes, and it
				// is a failure.
				return release.await(10, TimeUnit.SECONDS) ? token(3600) : unavailable();
			}
		});
		try {
			this.contextRunner.withPropertyValues(tokenUri(), "aria.auth.token.acquire-timeout=300ms")
				.run((context) -> {
					AriaAuthException failure = fetchFailure(context.getBean(AriaTokenManager.class));
					assertThat(failure.getErrorCode()).isEqualTo("timeout");
					// The caller's wait and the fetch's own deadline are both the acquire
					// timeout; either may end first.
					assertThat(failure.getErrorDescription()).isIn("no token within the acquire timeout of PT0.3S",
							"the token request did not finish within PT0.3S");
				});
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void defaultLifetimeAppliesWhenTheAnswerSaysNothingOfExpiry() {
		this.server.enqueue(TestTokens.json(200, "{\"access_token\":\"opaque\",\"token_type\":\"Bearer\"}"));
		this.contextRunner.withPropertyValues(tokenUri(), "aria.auth.token.default-lifetime=7m").run((context) -> {
			AriaAccessToken token = context.getBean(AriaTokenManager.class).getToken();
			assertThat(Duration.between(token.issuedAt(), token.expiresAt())).isEqualTo(Duration.ofMinutes(7));
		});
	}

	@Test
	void refreshWindowDecidesWhenTheBackgroundRefreshStarts() {
		List<Instant> arrivals = answerWithTokensLiving(2);
		// A 2 s token: with the default window (capped at half the lifetime) the refresh
		// would start 1 to 1.4 s
		// after it was issued; with 250 ms, not before 1.75 s.
		this.contextRunner
			.withPropertyValues(tokenUri(), "aria.auth.token.refresh-window=250ms",
					"aria.auth.token.expiry-margin=10ms")
			.run((context) -> {
				AriaTokenManager manager = context.getBean(AriaTokenManager.class);
				AriaAccessToken first = manager.getToken();
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
					manager.getToken();
					return arrivals.size() >= 2;
				});
				assertThat(Duration.between(first.issuedAt(), arrivals.get(1)))
					.isGreaterThanOrEqualTo(Duration.ofMillis(1749));
			});
	}

	@Test
	void expiryMarginDecidesWhenATokenIsNoLongerSent() {
		AtomicInteger requests = new AtomicInteger();
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				// Refreshes fail, so the first token stays cached until it is no longer
				// usable.
				return (requests.incrementAndGet() == 1) ? token(2) : unavailable();
			}
		});
		// A 2 s token: with the default margin (capped at a tenth of the lifetime) it
		// would stop being sent
		// 1.8 s after it was issued; with 50 ms, not before 1.95 s.
		this.contextRunner.withPropertyValues(tokenUri(), "aria.auth.token.expiry-margin=50ms").run((context) -> {
			AriaTokenManager manager = context.getBean(AriaTokenManager.class);
			AriaAccessToken first = manager.getToken();
			Instant[] withheldBy = new Instant[1];
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
				AriaAccessToken available = manager.getTokenIfAvailable();
				withheldBy[0] = Instant.now();
				return available == null;
			});
			assertThat(Duration.between(first.issuedAt(), withheldBy[0]))
				.isGreaterThanOrEqualTo(Duration.ofMillis(1949));
			assertThat(requests).hasValueGreaterThan(1);
		});
	}

	@Test
	void initialBackoffSpacesTheAttemptAfterAFailure() {
		this.server.setDispatcher(alwaysUnavailable());
		// The default (1 s, jittered down to half) would allow the second attempt within
		// a second.
		this.contextRunner
			.withPropertyValues(tokenUri(), "aria.auth.token.initial-backoff=10m", "aria.auth.token.max-backoff=20m",
					"aria.auth.token.max-backoff-without-token=20m")
			.run((context) -> {
				AriaTokenManager manager = context.getBean(AriaTokenManager.class);
				AriaAuthException failure = fetchFailure(manager);
				await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(5)).until(() -> {
					assertThat(fetchFailure(manager).getCause()).isSameAs(failure.getCause());
					return this.server.getRequestCount() == 1;
				});
			});
	}

	@Test
	void maxBackoffCapsTheDelayEvenWhenRetryAfterAsksForMore() {
		this.server.enqueue(new MockResponse.Builder(unavailable()).setHeader("Retry-After", "3600").build());
		this.server.enqueue(token(3600));
		// With the default cap (2 min) the second attempt would wait that long.
		this.contextRunner
			.withPropertyValues(tokenUri(), "aria.auth.token.initial-backoff=100ms",
					"aria.auth.token.max-backoff=200ms")
			.run((context) -> {
				AriaTokenManager manager = context.getBean(AriaTokenManager.class);
				assertThat(fetchFailure(manager).getRetryAfter()).isEqualTo(Duration.ofHours(1));
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(20))
					.ignoreExceptions()
					.until(() -> manager.getToken() != null);
				assertThat(this.server.getRequestCount()).isEqualTo(2);
			});
	}

	@Test
	void maxBackoffWithoutTokenBoundsTheWaitForTheNextAttemptWhileNoTokenIsHeld() {
		this.server.setDispatcher(alwaysUnavailable());
		MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
		// The backoff alone would wait 5 to 10 minutes, the default ceiling without a
		// token (2 s, jittered down to 1 s) at least a second: only the property allows
		// an attempt 600 ms later. The clock moves, so nothing depends on the machine.
		this.contextRunner
			.withPropertyValues(tokenUri(), "aria.auth.token.initial-backoff=10m", "aria.auth.token.max-backoff=20m",
					"aria.auth.token.max-backoff-without-token=500ms")
			.withBean(AriaTokenManagerBuilderCustomizer.class, () -> (builder) -> builder.clock(clock))
			.run((context) -> {
				AriaTokenManager manager = context.getBean(AriaTokenManager.class);
				fetchFailure(manager);
				assertThat(this.server.getRequestCount()).isOne();
				clock.advance(Duration.ofMillis(600));
				fetchFailure(manager);
				assertThat(this.server.getRequestCount()).isEqualTo(2);
			});
	}

	@Test
	void startupFailsWhenMaxBackoffIsShorterThanInitialBackoff() {
		this.contextRunner
			.withPropertyValues(tokenUri(), "aria.auth.token.initial-backoff=10s", "aria.auth.token.max-backoff=5s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(AriaAuthConfigurationException.class)
					.hasMessageContaining("aria.auth.token.max-backoff")
					.hasMessageContaining("PT5S")
					.hasMessageContaining("aria.auth.token.initial-backoff (PT10S)");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "connect-timeout", "read-timeout", "acquire-timeout", "refresh-window", "default-lifetime",
			"initial-backoff", "max-backoff", "max-backoff-without-token" })
	void startupFailsWhenATokenDurationIsNotPositive(String property) {
		this.contextRunner.withPropertyValues(tokenUri(), "aria.auth.token." + property + "=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(AriaAuthConfigurationException.class)
				.hasMessageContaining("aria.auth.token." + property)
				.hasMessageContaining("a positive duration");
		});
	}

	@Test
	void startupFailsWhenTheExpiryMarginIsNegative() {
		this.contextRunner.withPropertyValues(tokenUri(), "aria.auth.token.expiry-margin=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(AriaAuthConfigurationException.class)
				.hasMessageContaining("aria.auth.token.expiry-margin")
				.hasMessageContaining("zero or more");
		});
	}

	@Test
	void tokenRequestNeverFollowsARedirectSoTheSecretStaysWithTheEndpoint() throws Exception {
		try (MockWebServer elsewhere = new MockWebServer()) {
			elsewhere.start();
			// 307 keeps the method and the body (with the secret) on the way; another
			// name for this machine makes
			// the redirect lead to another host.
			String otherHost = "localhost".equals(this.server.getHostName()) ? "127.0.0.1" : "localhost";
			this.server.enqueue(new MockResponse.Builder().code(307)
				.setHeader("Location", "http://" + otherHost + ":" + elsewhere.getPort() + PATH)
				.build());
			this.contextRunner.withPropertyValues(tokenUri()).run((context) -> {
				AriaAuthException failure = fetchFailure(context.getBean(AriaTokenManager.class));
				assertThat(failure.getHttpStatus()).isEqualTo(307);
				assertThat(elsewhere.getRequestCount()).isZero();
			});
		}
	}

	private String tokenUri() {
		return "aria.auth.token-uri=" + this.server.url(PATH);
	}

	private List<Instant> answerWithTokensLiving(long seconds) {
		List<Instant> arrivals = new CopyOnWriteArrayList<>();
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				arrivals.add(Instant.now());
				return token(seconds);
			}
		});
		return arrivals;
	}

	private static Dispatcher alwaysUnavailable() {
		return new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return unavailable();
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
