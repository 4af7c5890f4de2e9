package io.github.ariaauth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AriaTokenManager}: the token lifecycle against a token endpoint on
 * loopback.
 */
class AriaTokenManagerTests {

	private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final MutableClock clock = new MutableClock(START);

	@Test
	void tokenRequestPostsClientCredentialsInTheFormBody() throws Exception {
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		AriaTokenManager manager = manager(registration(ClientAuthenticationMethod.CLIENT_SECRET_POST, List.of()))
			.build();

		manager.getToken();

		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/realms/aria/protocol/openid-connect/token");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.getHeaders().get("Authorization")).isNull();
		assertThat(formBody(request))
			.contains("grant_type=client_credentials", "client_id=" + TestTokens.CLIENT_ID,
					"client_secret=" + TestTokens.CLIENT_SECRET)
			.noneMatch((field) -> field.startsWith("scope="));
	}

	@Test
	void tokenRequestUsesBasicAuthenticationWhenAsked() throws Exception {
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		AriaTokenManager manager = manager(registration(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, List.of()))
			.build();

		manager.getToken();

		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		String expected = Base64.getEncoder()
			.encodeToString((TestTokens.CLIENT_ID + ":" + TestTokens.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + expected);
		assertThat(formBody(request)).contains("grant_type=client_credentials")
			.noneMatch((field) -> field.startsWith("client_secret="));
	}

	@Test
	void tokenRequestCarriesScopesWhenSet() throws Exception {
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		AriaTokenManager manager = manager(
				registration(ClientAuthenticationMethod.CLIENT_SECRET_POST, List.of("api", "billing")))
			.build();

		manager.getToken();

		assertThat(formBody(this.server.takeRequest(5, TimeUnit.SECONDS))).contains("scope=api+billing");
	}

	@Test
	void tokenAndClaimsAreReadFromTheResponse() {
		String jwt = TestTokens.jwt(START, START.plusSeconds(3600));
		this.server.enqueue(TestTokens.tokenResponse(jwt, 3600));
		AriaTokenManager manager = manager().build();

		AriaAccessToken token = manager.getToken();

		assertThat(token.tokenValue()).isEqualTo(jwt);
		assertThat(token.expiresAt()).isEqualTo(START.plusSeconds(3600));
		assertThat(token.scopes()).containsExactly("api");
		AriaTokenClaims claims = manager.getClaims();
		assertThat(claims.clientNo()).isEqualTo("7000213");
		assertThat(claims.accountNo()).isEqualTo("12345");
		assertThat(claims.subject()).isEqualTo(TestTokens.CLIENT_ID);
		assertThat(claims.audience()).containsExactly("billie-connect-api");
		assertThat(claims.issuedAt()).isEqualTo(START);
		assertThat(claims.expiresAt()).isEqualTo(START.plusSeconds(3600));
		assertThat(token.toString()).doesNotContain(jwt);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void tokenIsFetchedOnceForConcurrentBlockingCallers() throws Exception {
		this.server.enqueue(slow(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600)));
		AriaTokenManager manager = manager().build();
		int callers = 200;
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<AriaAccessToken>> results = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return manager.getToken();
				}));
			}
			start.countDown();
			AriaAccessToken first = results.get(0).get(10, TimeUnit.SECONDS);
			for (Future<AriaAccessToken> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(first);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void tokenIsFetchedOnceForConcurrentReactiveSubscribers() {
		this.server.enqueue(slow(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600)));
		AriaTokenManager manager = manager().build();

		List<AriaAccessToken> tokens = Flux.range(0, 200)
			.flatMap((i) -> manager.getTokenMono(), 200)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(tokens).hasSize(200).allSatisfy((token) -> assertThat(token).isSameAs(tokens.get(0)));
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void refreshStartsOnceInTheBackgroundInsideTheWindowAndNoCallerWaits() {
		ManualExecutor executor = new ManualExecutor();
		AriaTokenManager manager = manager().executor(executor).build();
		AriaAccessToken first = fetchWith(manager, executor, 3600);

		// Past any jitter, before the 30 s expiry margin.
		this.clock.set(START.plusSeconds(3600 - 31));
		for (int i = 0; i < 50; i++) {
			assertThat(manager.getToken()).isSameAs(first);
			assertThat(manager.getTokenAsync()).isCompletedWithValue(first);
		}
		assertThat(executor.queued()).isEqualTo(1);
		assertThat(this.server.getRequestCount()).isEqualTo(1);

		this.server
			.enqueue(TestTokens.tokenResponse(TestTokens.jwt(this.clock.instant(), START.plusSeconds(7200)), 3600));
		executor.runAll();

		assertThat(manager.getToken()).isNotSameAs(first);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(executor.queued()).isZero();
	}

	@Test
	void noRefreshStartsBeforeTheWindow() {
		ManualExecutor executor = new ManualExecutor();
		AriaTokenManager manager = manager().executor(executor).build();
		AriaAccessToken first = fetchWith(manager, executor, 3600);

		this.clock.set(START.plusSeconds(3600 - 301));
		assertThat(manager.getToken()).isSameAs(first);

		assertThat(executor.queued()).isZero();
	}

	@Test
	void callersWaitForAFreshTokenOnceTheCachedOneIsWithinTheExpiryMargin() {
		ManualExecutor executor = new ManualExecutor();
		AriaTokenManager manager = manager().executor(executor).build();
		AriaAccessToken first = fetchWith(manager, executor, 3600);

		this.clock.set(START.plusSeconds(3600 - 29));
		CompletableFuture<AriaAccessToken> waiting = manager.getTokenAsync();
		CompletableFuture<AriaAccessToken> alsoWaiting = manager.getTokenAsync();

		assertThat(waiting).isNotDone();
		assertThat(manager.getCachedToken()).contains(first);
		this.server
			.enqueue(TestTokens.tokenResponse(TestTokens.jwt(this.clock.instant(), START.plusSeconds(7200)), 3600));
		executor.runAll();
		assertThat(waiting.join()).isNotSameAs(first).isSameAs(alsoWaiting.join());
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void shortLivedTokenIsReusedAndRefreshedAhead() {
		ManualExecutor executor = new ManualExecutor();
		AriaTokenManager manager = manager().executor(executor).build();
		AriaAccessToken first = fetchWith(manager, executor, 10);

		for (int second = 0; second < 5; second++) {
			this.clock.set(START.plusSeconds(second));
			for (int call = 0; call < 100; call++) {
				assertThat(manager.getToken()).isSameAs(first);
			}
		}
		assertThat(executor.queued()).isZero();

		// A 10 s token: margin 1 s, window 5 s with jitter in its first half, so 8.5 s is
		// surely inside.
		this.clock.set(START.plusMillis(8500));
		assertThat(manager.getToken()).isSameAs(first);
		assertThat(executor.queued()).isEqualTo(1);
		this.clock.set(START.plusMillis(9001));
		assertThat(manager.getTokenAsync()).isNotDone();
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void failedRefreshKeepsServingTheValidTokenAndBacksOff() {
		ManualExecutor executor = new ManualExecutor();
		AriaTokenManager manager = manager().executor(executor)
			.backoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
			.build();
		AriaAccessToken first = fetchWith(manager, executor, 3600);
		this.clock.set(START.plusSeconds(3600 - 120));

		this.server.enqueue(TestTokens.json(503, "{}"));
		assertThat(manager.getToken()).isSameAs(first);
		executor.runAll();
		assertThat(manager.getLastFailure())
			.hasValueSatisfying((failure) -> assertThat(failure.getHttpStatus()).isEqualTo(503));

		// Within the backoff nothing new starts, however many callers come.
		for (int i = 0; i < 100; i++) {
			assertThat(manager.getToken()).isSameAs(first);
		}
		assertThat(executor.queued()).isZero();
		assertThat(this.server.getRequestCount()).isEqualTo(2);

		this.clock.advance(Duration.ofSeconds(1));
		this.server
			.enqueue(TestTokens.tokenResponse(TestTokens.jwt(this.clock.instant(), START.plusSeconds(7200)), 3600));
		assertThat(manager.getToken()).isSameAs(first);
		executor.runAll();
		assertThat(manager.getToken()).isNotSameAs(first);
		assertThat(manager.getLastFailure()).isEmpty();
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void backoffGrowsWithEachFailureUpToTheMaximumAndIsJittered() {
		ManualExecutor executor = new ManualExecutor();
		List<Instant> attempts = new ArrayList<>();
		AriaTokenManager manager = manager().executor(executor)
			.backoff(Duration.ofSeconds(1), Duration.ofSeconds(4))
			.listener(new AriaTokenListener() {
				@Override
				public void tokenFetchFailed(AriaAuthException failure, Duration duration) {
					attempts.add(AriaTokenManagerTests.this.clock.instant());
				}
			})
			.build();
		AriaAccessToken first = fetchWith(manager, executor, 3600);
		// Past the latest jittered refresh moment (3300 s + up to 135 s), well before the
		// expiry margin (3570 s).
		this.clock.set(START.plusSeconds(3440));
		for (int i = 0; i < 40; i++) {
			this.server.enqueue(TestTokens.json(500, "{}"));
		}

		// Ask every 100 ms for 60 simulated seconds.
		for (int tick = 0; tick < 600; tick++) {
			assertThat(manager.getToken()).isSameAs(first);
			executor.runAll();
			this.clock.advance(Duration.ofMillis(100));
		}

		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < attempts.size(); i++) {
			gaps.add(Duration.between(attempts.get(i - 1), attempts.get(i)).toMillis());
		}
		// Jittered within the upper half of 1 s, 2 s, then the 4 s maximum (a gap ends at
		// the next 100 ms tick).
		assertThat(gaps.get(0)).isBetween(500L, 1_100L);
		assertThat(gaps.get(1)).isBetween(1_000L, 2_100L);
		assertThat(gaps.subList(2, gaps.size())).hasSizeGreaterThan(10)
			.allSatisfy((gap) -> assertThat(gap).isBetween(2_000L, 4_100L));
		assertThat(gaps.subList(2, gaps.size()).stream().distinct().count()).as("jittered").isGreaterThan(1);
	}

	@Test
	void failureWithoutValidTokenGivesAClearExceptionAndIsNotRetriedBeforeTheBackoff() {
		AriaTokenManager manager = manager().executor(Runnable::run).build();
		this.server.enqueue(TestTokens.json(401,
				"{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}"));

		AriaAuthException failure = catchAriaAuthException(manager);

		assertThat(failure.getEndpoint().toString()).endsWith("/realms/aria/protocol/openid-connect/token");
		assertThat(failure.getHttpStatus()).isEqualTo(401);
		assertThat(failure.getErrorCode()).isEqualTo("invalid_client");
		assertThat(failure.getMessage()).contains(failure.getEndpoint().toString(), "401", "invalid_client",
				"aria.auth.client-id");
		assertThat(failure.getMessage()).doesNotContain(TestTokens.CLIENT_SECRET);
		assertThat(stackTraceOf(failure)).doesNotContain(TestTokens.CLIENT_SECRET);

		// Each caller gets an exception of its own, caused by the one shared failure.
		AriaAuthException again = catchAriaAuthException(manager);
		assertThat(again).isNotSameAs(failure).hasCause(failure.getCause());
		assertThat(again.getCause()).isSameAs(failure.getCause()).isSameAs(manager.getLastFailure().orElseThrow());
		assertThat(this.server.getRequestCount()).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(1));
		this.server
			.enqueue(TestTokens.tokenResponse(TestTokens.jwt(this.clock.instant(), START.plusSeconds(3600)), 3600));
		assertThat(manager.getToken().claims().clientNo()).isEqualTo("7000213");
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void reactiveCallersGetTheSameFailure() {
		AriaTokenManager manager = manager().build();
		this.server.enqueue(TestTokens.json(400, "{\"error\":\"invalid_scope\"}"));

		assertThatExceptionOfType(AriaAuthException.class)
			.isThrownBy(() -> manager.getTokenMono().block(Duration.ofSeconds(60)))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_scope"));
	}

	@Test
	void lifetimeComesFromTheJwtWhenExpiresInIsMissing() {
		String jwt = TestTokens.jwt(START, START.plusSeconds(600));
		this.server.enqueue(TestTokens.json(200, "{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\"}"));
		AriaTokenManager manager = manager().build();

		assertThat(manager.getToken().expiresAt()).isEqualTo(START.plusSeconds(600));
	}

	@Test
	void lifetimeFallsBackToTheDefaultForAnOpaqueTokenWithoutExpiresIn() {
		this.server.enqueue(TestTokens.json(200, "{\"access_token\":\"opaque\",\"token_type\":\"bearer\"}"));
		AriaTokenManager manager = manager().defaultLifetime(Duration.ofMinutes(7)).build();

		AriaAccessToken token = manager.getToken();

		assertThat(token.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(7)));
		assertThat(token.claims()).isEqualTo(AriaTokenClaims.NONE);
	}

	@Test
	void invalidatingTheRejectedTokenOnceLeadsToOneNewFetch() {
		ManualExecutor executor = new ManualExecutor();
		AriaTokenManager manager = manager().executor(executor).build();
		AriaAccessToken first = fetchWith(manager, executor, 3600);

		int dropped = 0;
		for (int i = 0; i < 100; i++) {
			dropped += manager.invalidate(first) ? 1 : 0;
		}
		assertThat(dropped).isEqualTo(1);
		CompletableFuture<AriaAccessToken> next = manager.getTokenAsync();
		manager.getTokenAsync();
		assertThat(executor.queued()).isEqualTo(1);
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		executor.runAll();

		AriaAccessToken second = next.join();
		assertThat(second).isNotSameAs(first);
		assertThat(manager.invalidate(first)).isFalse();
		assertThat(manager.getToken()).isSameAs(second);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void springSecurityManagersHandOutTheCachedTokenForTheAriaRegistrationOnly() {
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		AriaTokenManager manager = manager().build();
		OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId("aria")
			.principal("batch")
			.build();

		OAuth2AuthorizedClient client = manager.authorizedClientManager().authorize(request);
		OAuth2AuthorizedClient reactiveClient = manager.reactiveAuthorizedClientManager()
			.authorize(request)
			.block(Duration.ofSeconds(5));

		assertThat(client.getAccessToken().getTokenValue()).isEqualTo(manager.getToken().tokenValue());
		assertThat(client.getClientRegistration().getRegistrationId()).isEqualTo("aria");
		assertThat(client.getPrincipalName()).isEqualTo("batch");
		assertThat(reactiveClient.getAccessToken().getTokenValue()).isEqualTo(manager.getToken().tokenValue());
		OAuth2AuthorizeRequest other = OAuth2AuthorizeRequest.withClientRegistrationId("github").principal("x").build();
		assertThat(manager.authorizedClientManager().authorize(other)).isNull();
		assertThat(manager.reactiveAuthorizedClientManager().authorize(other).block(Duration.ofSeconds(5))).isNull();
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void springSecurityFailureHandlersDropTheTokenTheApiRejectedForTheirOwnRegistrationOnly() {
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		AriaTokenManager manager = manager().build();
		TestingAuthenticationToken principal = new TestingAuthenticationToken("batch", "n/a");
		AriaAccessToken first = manager.getToken();

		manager.authorizationFailureHandler()
			.onAuthorizationFailure(new ClientAuthorizationException(new OAuth2Error("insufficient_scope"), "aria"),
					principal, Map.of());
		manager.authorizationFailureHandler()
			.onAuthorizationFailure(new ClientAuthorizationException(new OAuth2Error("invalid_token"), "github"),
					principal, Map.of());
		assertThat(manager.getToken()).as("a 403 or another registration's 401 keeps the token").isSameAs(first);

		manager.authorizationFailureHandler()
			.onAuthorizationFailure(new ClientAuthorizationException(new OAuth2Error("invalid_token"), "aria"),
					principal, Map.of());
		AriaAccessToken second = manager.getToken();
		assertThat(second).isNotEqualTo(first);

		manager.reactiveAuthorizationFailureHandler()
			.onAuthorizationFailure(new ClientAuthorizationException(new OAuth2Error("invalid_token"), "aria"),
					principal, Map.of())
			.block(Duration.ofSeconds(5));
		assertThat(manager.getToken()).isNotEqualTo(second);
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void tokenIfAvailableNeverWaitsNorFetches() {
		ManualExecutor executor = new ManualExecutor();
		AriaTokenManager manager = manager().executor(executor).build();
		assertThat(manager.getTokenIfAvailable()).isNull();
		assertThat(executor.queued()).isZero();

		AriaAccessToken first = fetchWith(manager, executor, 3600);
		assertThat(manager.getTokenIfAvailable()).isSameAs(first);

		this.clock.set(START.plusSeconds(3600 - 29));
		assertThat(manager.getTokenIfAvailable()).isNull();
		assertThat(executor.queued()).isZero();
	}

	@Test
	void bearerHeaderIsBuiltOncePerToken() {
		AriaBearerHeader header = new AriaBearerHeader();
		AriaAccessToken first = new AriaAccessToken("one", START, START.plusSeconds(60), java.util.Set.of(),
				AriaTokenClaims.NONE);
		AriaAccessToken second = new AriaAccessToken("two", START, START.plusSeconds(60), java.util.Set.of(),
				AriaTokenClaims.NONE);

		String value = header.valueFor(first);

		assertThat(value).isEqualTo("Bearer one");
		assertThat(header.valueFor(first)).isSameAs(value);
		assertThat(header.valueFor(second)).isEqualTo("Bearer two");
	}

	@Test
	void toStringShowsNeitherSecretNorToken() {
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		AriaTokenManager manager = manager().build();
		AriaAccessToken token = manager.getToken();

		assertThat(manager.toString()).contains(TestTokens.CLIENT_ID).doesNotContain(TestTokens.CLIENT_SECRET);
		assertThat(token.toString()).doesNotContain(token.tokenValue());
	}

	private AriaAccessToken fetchWith(AriaTokenManager manager, ManualExecutor executor, long expiresIn) {
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(this.clock.instant(), START.plusSeconds(expiresIn)),
				expiresIn));
		CompletableFuture<AriaAccessToken> token = manager.getTokenAsync();
		executor.runAll();
		return token.join();
	}

	private static MockResponse slow(MockResponse response) {
		return response.newBuilder().headersDelay(300, TimeUnit.MILLISECONDS).build();
	}

	private static AriaAuthException catchAriaAuthException(AriaTokenManager manager) {
		try {
			manager.getToken();
		}
		catch (AriaAuthException ex) {
			return ex;
		}
		throw new AssertionError("Expected an AriaAuthException");
	}

	private static String stackTraceOf(Throwable ex) {
		java.io.StringWriter out = new java.io.StringWriter();
		ex.printStackTrace(new java.io.PrintWriter(out));
		return out.toString();
	}

	private static List<String> formBody(RecordedRequest request) {
		return List.of(request.getBody().string(StandardCharsets.UTF_8).split("&"));
	}

	private AriaTokenManager.Builder manager() {
		return manager(registration(ClientAuthenticationMethod.CLIENT_SECRET_POST, List.of()));
	}

	private AriaTokenManager.Builder manager(ClientRegistration registration) {
		return AriaTokenManager.builder(registration).clock(this.clock);
	}

	private ClientRegistration registration(ClientAuthenticationMethod method, List<String> scopes) {
		return ClientRegistration.withRegistrationId("aria")
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.clientAuthenticationMethod(method)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(scopes)
			.tokenUri(this.server.url("/realms/aria/protocol/openid-connect/token").toString())
			.build();
	}

}
