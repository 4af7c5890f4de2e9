package io.github.ariaauth.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaBearerProtocol;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenListener;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.MutableClock;
import io.github.ariaauth.TestTokens;
import io.github.ariaauth.TokenStateReset;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * What production does to the token core: outages, listeners that throw, fetches that
 * never end, an API that rejects every token, shutdown. Time is simulated except where a
 * real timeout is the subject.
 */
class AriaTokenManagerFailurePathsTests {

	private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final AtomicBoolean down = new AtomicBoolean();

	private volatile long lifetimeSeconds = 3600;

	@StartStop
	private final MockWebServer server = new MockWebServer();

	AriaTokenManagerFailurePathsTests() {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (AriaTokenManagerFailurePathsTests.this.down.get()) {
					return TestTokens.json(503, "{}");
				}
				Instant now = AriaTokenManagerFailurePathsTests.this.clock.instant();
				long lifetime = AriaTokenManagerFailurePathsTests.this.lifetimeSeconds;
				return TestTokens.tokenResponse(TestTokens.jwt(now, now.plusSeconds(lifetime)), lifetime);
			}
		});
	}

	@Test
	void listenerThatThrowsNeitherWedgesNorBreaksTokenHandling() {
		AtomicInteger told = new AtomicInteger();
		AriaTokenListener broken = new AriaTokenListener() {
			@Override
			public void tokenFetched(AriaAccessToken token, Duration duration) {
				told.incrementAndGet();
				throw new IllegalStateException("metrics bug");
			}

			@Override
			public void tokenFetchFailed(AriaAuthException failure, Duration duration) {
				told.incrementAndGet();
				throw new NullPointerException(String.valueOf(failure.getHttpStatus().intValue() + 1));
			}

			@Override
			public void tokenInvalidated(AriaAccessToken token) {
				told.incrementAndGet();
				throw new IllegalStateException("metrics bug");
			}
		};
		AtomicInteger healthyToldOf = new AtomicInteger();
		AriaTokenListener healthy = new AriaTokenListener() {
			@Override
			public void tokenFetchFailed(AriaAuthException failure, Duration duration) {
				healthyToldOf.incrementAndGet();
			}
		};
		try (CapturedLogs logs = CapturedLogs.at(Level.INFO);
				AriaTokenManager manager = manager().listener(broken)
					.listener(healthy)
					.acquireTimeout(Duration.ofSeconds(3))
					.build()) {
			this.down.set(true);
			AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, manager::getToken);
			assertThat(failure.getHttpStatus()).as("the endpoint's failure, not a wedged wait").isEqualTo(503);

			this.down.set(false);
			this.clock.advance(Duration.ofSeconds(2));
			AriaAccessToken token = manager.getToken();
			assertThat(manager.invalidate(token)).isTrue();
			assertThat(manager.getToken()).isNotEqualTo(token);

			await().atMost(Duration.ofSeconds(30)).until(() -> told.get() >= 4 && healthyToldOf.get() == 1);
			List<String> warnings = logs.messages(AriaTokenManager.class, Level.WARN)
				.stream()
				.filter((line) -> line.contains("listener"))
				.toList();
			assertThat(warnings).singleElement().asString().contains(broken.getClass().getName());
		}
	}

	@Test
	void afterAnOutageTheFirstGoodCallComesWithinSecondsAndNoCallFailsWhileTheTokenIsUsable() {
		// Measured with 20 s tokens and default settings: the endpoint is down from 5 s
		// to 30 s.
		this.lifetimeSeconds = 20;
		Duration outageStart = Duration.ofSeconds(5);
		Duration outageEnd = Duration.ofSeconds(30);
		try (AriaTokenManager manager = manager().build()) {
			int failedWhileUsable = 0;
			int requestsDuringOutage = 0;
			Duration firstGoodCallAfterOutage = null;
			long usableUntil = Long.MIN_VALUE;
			while (firstGoodCallAfterOutage == null) {
				Duration elapsed = this.clock.elapsed();
				assertThat(elapsed).as("no recovery at all").isLessThan(Duration.ofSeconds(60));
				this.down.set(elapsed.compareTo(outageStart) >= 0 && elapsed.compareTo(outageEnd) < 0);
				int before = this.server.getRequestCount();
				try {
					AriaAccessToken token = manager.getToken();
					usableUntil = Math.max(usableUntil, token.expiresAt().toEpochMilli() - 2_000);
					if (elapsed.compareTo(outageEnd) >= 0) {
						firstGoodCallAfterOutage = elapsed.minus(outageEnd);
					}
				}
				catch (AriaAuthException ex) {
					failedWhileUsable += (this.clock.millis() < usableUntil) ? 1 : 0;
				}
				if (this.down.get()) {
					requestsDuringOutage += this.server.getRequestCount() - before;
				}
				this.clock.advance(Duration.ofMillis(100));
			}
			assertThat(failedWhileUsable).isZero();
			assertThat(requestsDuringOutage).isBetween(1, 30);
			assertThat(firstGoodCallAfterOutage).isLessThanOrEqualTo(Duration.ofSeconds(3));
		}
	}

	@Test
	void eachCallerGetsAnExceptionOfItsOwnCausedByTheSharedFailure() {
		this.down.set(true);
		try (AriaTokenManager manager = manager().build()) {
			AriaAuthException blocking = catchThrowableOfType(AriaAuthException.class, manager::getToken);
			AriaAuthException reactive = catchThrowableOfType(AriaAuthException.class,
					() -> manager.getTokenMono().checkpoint("caller").block(Duration.ofSeconds(5)));
			AriaAuthException async = catchThrowableOfType(AriaAuthException.class,
					() -> unwrap(manager.getTokenAsync()));
			AriaAuthException shared = manager.getLastFailure().orElseThrow();

			assertThat(List.of(blocking, reactive, async)).doesNotHaveDuplicates()
				.allSatisfy((
						each) -> assertThat(each).isNotSameAs(shared).hasCause(shared).hasMessage(shared.getMessage()));
			assertThat(reactive.getCause()).isSameAs(shared);
			assertThat(shared.getSuppressed()).as("nothing piles up on the shared failure").isEmpty();
		}
	}

	@Test
	void fetchThatNeverRunsIsGivenUpAfterTheAcquireTimeoutAndTheNextCallerFetchesAgain() {
		AtomicBoolean dropNext = new AtomicBoolean(true);
		Executor dropsFirstTask = (task) -> {
			if (!dropNext.getAndSet(false)) {
				task.run();
			}
		};
		try (AriaTokenManager manager = manager().executor(dropsFirstTask)
			.acquireTimeout(Duration.ofMillis(300))
			.build()) {
			AriaAuthException timedOut = catchThrowableOfType(AriaAuthException.class, manager::getToken);
			assertThat(timedOut.getErrorCode()).isEqualTo(AriaAuthException.TIMEOUT);

			await().atMost(Duration.ofSeconds(30)).until(() -> manager.getLastFailure().isPresent());
			assertThat(manager.getLastFailure().orElseThrow().getErrorDescription()).contains("did not finish");
			this.clock.advance(Duration.ofSeconds(2));
			assertThat(manager.getToken()).isNotNull();
			assertThat(this.server.getRequestCount()).isEqualTo(1);
		}
	}

	@Test
	void lifetimeCountsFromTheRequestSoASlowAnswerNeverOutlivesTheToken() {
		// Keycloak's exp is taken when it issues the token; the answer arrives later
		// (here: 1.5 s).
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				Instant issued = AriaTokenManagerFailurePathsTests.this.clock.instant();
				AriaTokenManagerFailurePathsTests.this.clock.advance(Duration.ofMillis(1500));
				return TestTokens.tokenResponse(TestTokens.jwt(issued, issued.plusSeconds(10)), 10);
			}
		});
		try (AriaTokenManager manager = manager().build()) {
			AriaAccessToken token = manager.getToken();

			assertThat(token.expiresAt()).isEqualTo(START.plusSeconds(10)).isEqualTo(token.claims().expiresAt());
		}
	}

	@Test
	void callerInterruptedWhileWaitingGetsInterruptedAndKeepsItsInterruptFlag() throws Exception {
		io.github.ariaauth.ManualExecutor neverRuns = new io.github.ariaauth.ManualExecutor();
		try (AriaTokenManager manager = manager().executor(neverRuns).build()) {
			AtomicReference<AriaAuthException> failure = new AtomicReference<>();
			AtomicBoolean stillInterrupted = new AtomicBoolean();
			Thread caller = new Thread(() -> {
				Thread.currentThread().interrupt();
				try {
					manager.getToken();
				}
				catch (AriaAuthException ex) {
					failure.set(ex);
					stillInterrupted.set(Thread.currentThread().isInterrupted());
				}
			});
			caller.start();
			caller.join(5_000);

			assertThat(failure.get().getErrorCode()).isEqualTo(AriaAuthException.INTERRUPTED);
			assertThat(stillInterrupted).isTrue();
		}
	}

	@Test
	void failureTheCoreDidNotExpectIsReportedAsUnexpectedErrorWithoutItsMessage() {
		ClientHttpRequestFactory broken = (uri, method) -> {
			throw new IllegalStateException("boom " + TestTokens.CLIENT_SECRET);
		};
		try (AriaTokenManager manager = manager().requestFactory(broken).build()) {
			AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, manager::getToken);

			assertThat(failure.getErrorCode()).isEqualTo(AriaAuthException.UNEXPECTED_ERROR);
			assertThat(failure.getErrorDescription()).isEqualTo(IllegalStateException.class.getName());
			assertThat(failure.getHint()).contains("bug");
			java.io.StringWriter trace = new java.io.StringWriter();
			failure.printStackTrace(new java.io.PrintWriter(trace));
			assertThat(trace.toString()).doesNotContain("boom", TestTokens.CLIENT_SECRET);
		}
	}

	@Test
	void tokenFetchedByAnotherCallerAfterThisOneJudgedTheCacheIsUsedWithoutAnotherRequest() {
		HookedClock hooked = new HookedClock(this.clock);
		try (AriaTokenManager manager = manager().clock(hooked).build()) {
			AriaAccessToken first = manager.getToken();
			this.clock.advance(Duration.ofSeconds(3600 - 10));
			AtomicReference<AriaAccessToken> fetchedMeanwhile = new AtomicReference<>();
			hooked.onNextRead(() -> fetchedMeanwhile.set(manager.getToken()));

			AriaAccessToken token = manager.getToken();

			assertThat(fetchedMeanwhile.get()).isNotNull().isNotEqualTo(first);
			assertThat(token).isSameAs(fetchedMeanwhile.get());
			assertThat(this.server.getRequestCount()).isEqualTo(2);
		}
	}

	@Test
	void closingWhileAFetchIsInFlightAnswersWaitersWithClosedAndRaisesNoAlarm() throws Exception {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return new MockResponse.Builder(
						TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(60)), 60))
					.headersDelay(30, TimeUnit.SECONDS)
					.build();
			}
		});
		List<String> events = new ArrayList<>();
		AriaTokenListener recorder = new AriaTokenListener() {
			@Override
			public void tokenFetchFailed(AriaAuthException failure, Duration duration) {
				events.add(failure.getErrorCode());
			}
		};
		try (CapturedLogs logs = CapturedLogs.at(Level.INFO)) {
			// The manager's own fetch threads, which close() stops.
			AriaTokenManager manager = AriaTokenManager
				.builder(registration("aria", this.server.url("/token").toString()))
				.clock(this.clock)
				.listener(recorder)
				.build();
			CompletableFuture<AriaAccessToken> waiting = manager.getTokenAsync();
			assertThat(this.server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();

			manager.close();

			AriaAuthException closed = catchThrowableOfType(AriaAuthException.class, () -> unwrap(waiting));
			assertThat(closed.getErrorCode()).isEqualTo(AriaAuthException.CLOSED);
			assertThat(catchThrowableOfType(AriaAuthException.class, manager::getToken).getErrorCode())
				.isEqualTo(AriaAuthException.CLOSED);
			assertThat(events).isEmpty();
			assertThat(logs.messages(AriaTokenManager.class, Level.WARN)).isEmpty();
		}
	}

	@Test
	void newTokenRejectedTooPausesInvalidationForAGrowingJitteredPeriodUntilAResendIsAccepted() {
		List<Duration> pauses = new ArrayList<>();
		AriaTokenListener recorder = new AriaTokenListener() {
			@Override
			public void newTokenRejected(AriaAccessToken token, Duration pause) {
				pauses.add(pause);
			}
		};
		try (CapturedLogs logs = CapturedLogs.at(Level.INFO);
				AriaTokenManager manager = manager().listener(recorder).build()) {
			AriaAccessToken first = manager.getToken();
			assertThat(manager.invalidate(first)).isTrue();
			AriaAccessToken second = manager.getToken();
			new AriaBearerProtocol(manager).resendAnswered(second, true);
			new AriaBearerProtocol(manager).resendAnswered(second, true);

			assertThat(pauses).singleElement()
				.satisfies((pause) -> assertThat(pause).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
			this.clock.advance(pauses.get(0).minusMillis(1));
			assertThat(manager.invalidate(second)).as("paused").isFalse();
			assertThat(manager.getToken()).isSameAs(second);
			this.clock.advance(Duration.ofMillis(1));
			assertThat(manager.invalidate(second)).as("pause over").isTrue();
			AriaAccessToken third = manager.getToken();
			new AriaBearerProtocol(manager).resendAnswered(third, true);
			assertThat(pauses).hasSize(2);
			assertThat(pauses.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));

			this.clock.advance(pauses.get(1));
			assertThat(manager.invalidate(third)).isTrue();
			new AriaBearerProtocol(manager).resendAnswered(manager.getToken(), false);
			AriaAccessToken fourth = manager.getToken();
			assertThat(manager.invalidate(fourth)).as("an accepted resend ends the episode").isTrue();
			new AriaBearerProtocol(manager).resendAnswered(manager.getToken(), true);
			assertThat(pauses.get(2)).isLessThanOrEqualTo(Duration.ofSeconds(1));

			assertThat(this.server.getRequestCount()).isEqualTo(5);
			List<String> warnings = logs.messages(AriaTokenManager.class, Level.WARN);
			assertThat(warnings).as("one WARN per episode").hasSize(2);
			assertThat(warnings.get(0)).contains("the token is not the problem", TestTokens.CLIENT_ID,
					"billie-connect-api");
			Leaks.assertNoSecrets(logs.lines(), List.of(first.tokenValue(), second.tokenValue(), third.tokenValue()));
			assertThat(logs.lines()).noneMatch((line) -> line.contains(TestTokens.CLIENT_SECRET));
		}
	}

	@Test
	void resetForTestingForgetsTokenFailureAndBackoffAndIgnoresAFetchStartedBefore() {
		try (AriaTokenManager manager = manager().build()) {
			manager.getToken();
			this.down.set(true);
			manager.invalidate(manager.getCachedToken().orElseThrow());
			catchThrowableOfType(AriaAuthException.class, manager::getToken);
			assertThat(manager.getLastFailure()).isPresent();

			TokenStateReset.reset(manager);

			assertThat(manager.getLastFailure()).isEmpty();
			assertThat(manager.getCachedToken()).isEmpty();
			this.down.set(false);
			assertThat(manager.getToken()).isNotNull();
			assertThat(this.server.getRequestCount()).isEqualTo(3);
		}
	}

	@Test
	void springSecurityAdaptersAnswerForTheRegistrationsOwnId() {
		try (AriaTokenManager manager = AriaTokenManager
			.builder(registration("billing", this.server.url("/token").toString()))
			.clock(this.clock)
			.executor(Runnable::run)
			.build()) {
			TestingAuthenticationToken principal = new TestingAuthenticationToken("job", "n/a");
			assertThat(manager.authorizedClientManager()
				.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("billing").principal(principal).build()))
				.isNotNull();
			assertThat(manager.authorizedClientManager()
				.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("aria").principal(principal).build()))
				.isNull();
			assertThat(manager.reactiveAuthorizedClientManager()
				.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("billing").principal(principal).build())
				.block(Duration.ofSeconds(5))).isNotNull();
			assertThat(manager.toString()).contains("registrationId=billing");
		}
	}

	@Test
	void builderRefusesAnotherGrantAndAPlainHttpTokenEndpointOffThisMachine() {
		ClientRegistration authorizationCode = ClientRegistration.withRegistrationId("aria")
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://app.example.com/callback")
			.authorizationUri("https://sso.example.com/auth")
			.tokenUri("https://sso.example.com/token")
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> AriaTokenManager.builder(authorizationCode).build())
			.withMessageContaining("client_credentials")
			.withMessageNotContaining(TestTokens.CLIENT_SECRET);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AriaTokenManager.builder(registration("aria", "http://sso.example.com/token")).build())
			.withMessageContaining("https")
			.withMessageContaining("http://sso.example.com");
		AriaTokenManager.builder(registration("aria", "http://127.0.0.1:8089/token")).build().close();
	}

	private AriaTokenManager.Builder manager() {
		return AriaTokenManager.builder(registration("aria", this.server.url("/token").toString()))
			.clock(this.clock)
			.executor(Runnable::run);
	}

	private static ClientRegistration registration(String id, String tokenUri) {
		return ClientRegistration.withRegistrationId(id)
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(tokenUri)
			.build();
	}

	private static AriaAccessToken unwrap(CompletableFuture<AriaAccessToken> future) throws Throwable {
		try {
			return future.get(5, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * A clock that runs a task once, the next time it is read: a way to let something
	 * happen between two steps of the code under test, on the same thread.
	 */
	private static final class HookedClock extends Clock {

		private final Clock delegate;

		private final AtomicReference<@Nullable Runnable> hook = new AtomicReference<>();

		HookedClock(Clock delegate) {
			this.delegate = delegate;
		}

		void onNextRead(Runnable task) {
			this.hook.set(task);
		}

		@Override
		public long millis() {
			Runnable task = this.hook.getAndSet(null);
			if (task != null) {
				task.run();
			}
			return this.delegate.millis();
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(millis());
		}

		@Override
		public ZoneId getZone() {
			return this.delegate.getZone();
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
