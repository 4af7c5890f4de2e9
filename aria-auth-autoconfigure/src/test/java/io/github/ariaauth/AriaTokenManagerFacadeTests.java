package io.github.ariaauth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the decisions {@link AriaTokenManager} makes itself (when a token is handed
 * out, refreshed, dropped, forgotten), with its parts wired as in production but the
 * token endpoint in memory, requests run by the test ({@link ManualExecutor}) and waiters
 * answered on the thread that settles: outcomes are complete when a call returns. The
 * token URI is a loopback port that refuses connections, so a manager that sent a real
 * request instead of using the given request factory fails at once.
 */
class AriaTokenManagerFacadeTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	private final RefusingPort refusing = RefusingPort.open();

	private final MutableClock clock = new MutableClock(START);

	private final ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint();

	private final ManualExecutor executor = new ManualExecutor();

	private final List<String> heard = new CopyOnWriteArrayList<>();

	@AfterEach
	void release() {
		this.refusing.close();
	}

	@Test
	void tokenIsHandedOutUntilTheExpiryMarginAndRefreshedFromItsRefreshMoment() {
		// A window 1 ms longer than the margin leaves no room for jitter: the refresh
		// moment is 30.001 s before expiry, the margin starts 30 s before it.
		AriaTokenManager manager = manager().refreshWindow(Duration.ofMillis(30_001))
			.expiryMargin(Duration.ofSeconds(30))
			.build();
		AriaAccessToken first = fetch(manager, 3600);
		Instant expiry = START.plusSeconds(3600);

		this.clock.set(expiry.minusMillis(30_002));
		assertThat(manager.getToken()).isSameAs(first);
		assertThat(this.executor.queued()).isZero();

		this.clock.set(expiry.minusMillis(30_001));
		assertThat(manager.getTokenIfAvailable()).isSameAs(first);
		assertThat(this.executor.queued()).as("refresh started").isEqualTo(1);
		assertThat(manager.getTokenIfAvailable()).isSameAs(first);
		assertThat(this.executor.queued()).as("one refresh at a time").isEqualTo(1);

		this.clock.set(expiry.minusMillis(30_000));
		assertThat(manager.getTokenIfAvailable()).isNull();
		assertThat(manager.getTokenAsync()).isNotDone();
		assertThat(manager.getCachedToken()).contains(first);
		this.clock.set(expiry.minusMillis(1));
		assertThat(manager.getCachedToken()).contains(first);
		this.clock.set(expiry);
		assertThat(manager.getCachedToken()).isEmpty();
	}

	@Test
	void cachedTokenIsTheAnswerAtOnceWithoutARequest() {
		AriaTokenManager manager = manager().build();
		AriaAccessToken first = fetch(manager, 3600);

		assertThat(manager.getTokenAsync()).isCompletedWithValue(first);
		assertThat(manager.getTokenMono().toFuture()).isCompletedWithValue(first);
		assertThat(manager.getClaims()).isSameAs(first.claims());
		assertThat(this.executor.queued()).isZero();
		assertThat(this.endpoint.requests()).isEqualTo(1);
	}

	@Test
	void waitingCallersAreAnsweredByOneRequest() {
		AriaTokenManager manager = manager().build();
		CompletableFuture<AriaAccessToken> future = manager.getTokenAsync();
		CompletableFuture<AriaAccessToken> mono = manager.getTokenMono().toFuture();
		this.endpoint.token(START, 3600);

		this.executor.runAll();

		assertThat(future).isCompleted();
		assertThat(mono).isCompletedWithValue(future.join());
		assertThat(manager.getCachedToken()).contains(future.join());
		assertThat(this.endpoint.requests()).isEqualTo(1);
	}

	@Test
	void invalidateDropsTheCachedTokenOnceAndTellsTheListeners() {
		AriaTokenManager manager = manager().build();
		AriaAccessToken first = fetch(manager, 3600);
		AriaAccessToken other = new AriaAccessToken("other", START, START.plusSeconds(60), Set.of(),
				AriaTokenClaims.NONE);

		assertThat(manager.invalidate(other)).isFalse();
		assertThat(manager.invalidate(first)).isTrue();
		assertThat(manager.invalidate(first)).isFalse();

		assertThat(manager.getCachedToken()).isEmpty();
		assertThat(this.heard).containsExactly("invalidated " + first.tokenValue().hashCode());
	}

	@Test
	void newTokenRejectedTooPausesInvalidationTellsTheListenersAndWarnsOnce() {
		AriaTokenManager manager = manager().build();
		AriaAccessToken first = fetch(manager, 3600);

		List<ILoggingEvent> logs = CoreLogs.during(() -> {
			manager.resendAnswered(first, false);
			assertThat(this.heard).as("an accepted resend is no news").isEmpty();
			manager.resendAnswered(first, true);
		});

		assertThat(this.heard).singleElement().asString().startsWith("rejected " + first.tokenValue().hashCode());
		assertThat(CoreLogs.at(Level.WARN, logs)).singleElement()
			.asString()
			.contains("the token is not the problem", "'" + TestTokens.CLIENT_ID + "'", "(1 rejection(s) in a row)");
		assertThat(manager.invalidate(first)).as("paused").isFalse();
		assertThat(manager.getCachedToken()).contains(first);
		// The first pause is the 1 s initial backoff, jittered within its upper half.
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(manager.invalidate(first)).isTrue();
	}

	@Test
	void resetForTestingForgetsTheFailureAndThePauseOfInvalidation() {
		AriaTokenManager manager = manager().build();
		AriaAccessToken first = fetch(manager, 3600);
		this.clock.set(START.plusSeconds(3600));
		manager.resendAnswered(first, true);
		this.endpoint.status(503, "{}");
		CompletableFuture<AriaAccessToken> failed = manager.getTokenAsync();
		this.executor.runAll();
		assertThat(failed).isCompletedExceptionally();
		assertThat(manager.getLastFailure()).isPresent();

		manager.resetForTesting();

		assertThat(manager.getLastFailure()).isEmpty();
		CompletableFuture<AriaAccessToken> next = manager.getTokenAsync();
		assertThat(this.executor.queued()).as("no backoff to wait out").isEqualTo(1);
		this.endpoint.token(this.clock.instant(), 3600);
		this.executor.runAll();
		assertThat(manager.invalidate(next.join())).as("no pause of invalidation").isTrue();
	}

	@Test
	void resetForTestingAnswersAWaiterWithResetAndForgetsTheToken() {
		AriaTokenManager manager = manager().build();
		fetch(manager, 3600);
		this.clock.set(START.plusSeconds(3600));
		CompletableFuture<AriaAccessToken> waiting = manager.getTokenAsync();
		this.clock.set(START);

		manager.resetForTesting();

		assertThat(codeOf(waiting)).isEqualTo(AriaAuthException.RESET);
		assertThat(manager.getCachedToken()).isEmpty();
	}

	@Test
	void clientRejectedByTheEndpointAwaitsNewCredentials() {
		AriaTokenManager manager = manager().build();
		assertThat(manager.isAwaitingNewCredentials()).isFalse();
		this.endpoint.status(401, "{\"error\":\"invalid_client\"}");

		CompletableFuture<AriaAccessToken> failed = manager.getTokenAsync();
		this.executor.runAll();

		assertThat(codeOf(failed)).isEqualTo("invalid_client");
		assertThat(manager.isAwaitingNewCredentials()).isTrue();
	}

	@Test
	void closeAnswersWaitersWithClosedAndForgetsTheToken() {
		AriaTokenManager manager = manager().build();
		AriaAccessToken first = fetch(manager, 3600);
		this.clock.set(START.plusSeconds(3600));
		CompletableFuture<AriaAccessToken> waiting = manager.getTokenAsync();
		this.clock.set(START);

		manager.close();

		assertThat(codeOf(waiting)).isEqualTo(AriaAuthException.CLOSED);
		assertThat(manager.getCachedToken()).isEmpty();
		assertThat(manager.getTokenIfAvailable()).isNull();
		assertThat(codeOf(manager.getTokenAsync())).isEqualTo(AriaAuthException.CLOSED);
		assertThat(first).isNotNull();
	}

	@Test
	void closeEndsTheManagersOwnFetchThreadsAtOnce() {
		List<Thread> before = fetchThreads();
		this.endpoint.token(START, 3600);
		AriaTokenManager manager = AriaTokenManager.builder(registration())
			.requestFactory(this.endpoint)
			.clock(this.clock)
			.build();
		manager.getToken();
		assertThat(fetchThreads()).as("a fetch thread of its own").hasSizeGreaterThan(before.size());

		manager.close();

		// Idle fetch threads would live 30 s more unless the close ends them.
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(fetchThreads()).isSubsetOf(before));
	}

	private static List<Thread> fetchThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("aria-auth-token-") && thread.isAlive())
			.toList();
	}

	private AriaAccessToken fetch(AriaTokenManager manager, long expiresIn) {
		this.endpoint.token(this.clock.instant(), expiresIn);
		CompletableFuture<AriaAccessToken> token = manager.getTokenAsync();
		this.executor.runAll();
		assertThat(token).isCompleted();
		return token.join();
	}

	private static String codeOf(CompletableFuture<AriaAccessToken> future) {
		assertThat(future).isCompletedExceptionally();
		try {
			future.get(0, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			return ((AriaAuthException) ex.getCause()).getErrorCode();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
		throw new AssertionError("completed normally");
	}

	private AriaTokenManager.Builder manager() {
		return AriaTokenManager.builder(registration())
			.requestFactory(this.endpoint)
			.executor(this.executor)
			.completionExecutor(Runnable::run)
			.clock(this.clock)
			.listener(new AriaTokenListener() {
				@Override
				public void tokenInvalidated(AriaAccessToken token) {
					AriaTokenManagerFacadeTests.this.heard.add("invalidated " + token.tokenValue().hashCode());
				}

				@Override
				public void newTokenRejected(AriaAccessToken token, Duration pause) {
					AriaTokenManagerFacadeTests.this.heard
						.add("rejected " + token.tokenValue().hashCode() + " for " + pause.toMillis());
				}
			});
	}

	private ClientRegistration registration() {
		return ClientRegistration.withRegistrationId(AriaTokenManager.REGISTRATION_ID)
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(URI.create("http://127.0.0.1:" + this.refusing.port() + "/token").toString())
			.build();
	}

}
