package io.github.ariaauth.faults;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.MutableClock;
import io.github.ariaauth.faults.FaultMatrix.Fault;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.client.JdkClientHttpRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every way the token endpoint can fail, against a real HTTP server on loopback, with
 * simulated time: what callers get, how often the endpoint is asked, and that service
 * returns with the next good answer.
 */
// Left out of mutation testing (parent pom, profile pitest): its stalling faults wait out
// real read timeouts.
@Tag("slow")
class TokenEndpointFaultTests {

	private static final Duration STEP = Duration.ofMillis(200);

	// Long enough for many attempts at the backoff without a token (2 s at most), or
	// three Retry-After delays.
	private static final Duration COLD_PERIOD = Duration.ofSeconds(30);

	// Each attempt at a stalling fault waits out a real read timeout: a few attempts
	// show the backoff as well as many.
	private static final Duration COLD_PERIOD_OF_A_STALL = Duration.ofSeconds(4);

	private static final Duration LIFETIME = Duration.ofHours(1);

	private final MutableClock clock = FaultMatrix.clock();

	private final TokenServer server = new TokenServer(this.clock);

	private final AttemptRecorder attempts = new AttemptRecorder(this.clock);

	private final JdkClientHttpRequestFactory requestFactory = FaultMatrix.requestFactory();

	private final AriaTokenManager manager = manager();

	@BeforeAll
	static void warmUp() {
		// The first request of a JVM loads the HTTP client, converters and Jackson: not
		// something to time out on.
		MutableClock clock = FaultMatrix.clock();
		try (TokenServer server = new TokenServer(clock);
				AriaTokenManager manager = FaultMatrix.manager(server, clock, FaultMatrix.requestFactory()).build()) {
			server.answer((s) -> FaultMatrix.oauthError(400, "invalid_client"));
			catchThrowableOfType(AriaAuthException.class, manager::getToken);
			server.answer(TokenServer::good);
			clock.advance(Duration.ofMinutes(5));
			manager.getToken();
		}
	}

	@AfterEach
	void close() {
		this.manager.close();
		this.server.close();
	}

	private AriaTokenManager manager() {
		return FaultMatrix.manager(this.server, this.clock, this.requestFactory)
			.backoff(FaultMatrix.INITIAL_BACKOFF, FaultMatrix.MAX_BACKOFF)
			.maxBackoffWithoutToken(FaultMatrix.MAX_BACKOFF_WITHOUT_TOKEN)
			.listener(this.attempts)
			.build();
	}

	static Stream<Fault> faults() {
		return FaultMatrix.faults().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void withoutATokenCallersGetAClearErrorRetriesBackOffAndTheNextGoodAnswerRestoresService(Fault fault) {
		apply(fault);
		AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, this.manager::getToken);
		assertFailure(failure, fault);
		Leaks.assertNoSecrets(failure, this.server.issuedTokens());
		Duration period = (fault.retryAfter() != null) ? fault.retryAfter().multipliedBy(3)
				: fault.stalls() ? COLD_PERIOD_OF_A_STALL : COLD_PERIOD;
		while (this.clock.elapsed().compareTo(period) < 0) {
			this.clock.advance(STEP);
			AriaAuthException again = catchThrowableOfType(AriaAuthException.class, this.manager::getToken);
			assertThat(again).isNotNull();
			assertThat(again.getErrorCode()).isEqualTo(fault.errorCode());
		}
		assertBackoff(this.attempts.failures(), period, FaultMatrix.MAX_BACKOFF_WITHOUT_TOKEN, fault.retryAfter());
		assertThat(this.server.requests()).isEqualTo(fault.refused() ? 0 : this.attempts.attempts());
		this.attempts.exceptions().forEach((each) -> Leaks.assertNoSecrets(each, this.server.issuedTokens()));
		AriaAccessToken restored = awaitRecovery(fault);
		assertThat(this.manager.getCachedToken()).contains(restored);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void whileATokenIsValidCallersKeepItThroughFailedRefreshesThenGetAClearError(Fault fault) {
		AriaAccessToken first = this.manager.getToken();
		// The refresh window (5 min, jittered over its first half) starts between 55 and
		// 57.25 minutes.
		this.clock.advance(LIFETIME.minus(Duration.ofMinutes(5)));
		apply(fault);
		Duration usableUntil = LIFETIME.minus(Duration.ofSeconds(30));
		Duration step = Duration.ofSeconds(1);
		while (this.clock.elapsed().plus(step).compareTo(usableUntil) < 0) {
			assertThat(this.manager.getToken()).isSameAs(first);
			this.clock.advance(step);
		}
		assertThat(this.attempts.failures()).isNotEmpty();
		Duration refreshWindowStart = this.attempts.failures().get(0);
		assertThat(refreshWindowStart).isBetween(Duration.ofMinutes(55), Duration.ofSeconds(55 * 60 + 135));
		assertBackoff(this.attempts.failures(), usableUntil.minus(refreshWindowStart), FaultMatrix.MAX_BACKOFF,
				fault.retryAfter());
		this.clock.advance(step);
		AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, this.manager::getToken);
		assertFailure(failure, fault);
		Leaks.assertNoSecrets(failure, this.server.issuedTokens());
		AriaAccessToken restored = awaitRecovery(fault);
		assertThat(restored.tokenValue()).isNotEqualTo(first.tokenValue());
	}

	@Test
	void failuresAreLoggedAtWarnWithTheBackoffAndFetchesAtDebug() {
		try (CapturedLogs logs = CapturedLogs.at(Level.DEBUG)) {
			apply(FaultMatrix.faults().get(1));
			catchThrowableOfType(AriaAuthException.class, this.manager::getToken);
			this.server.answer(TokenServer::good);
			this.clock.advance(FaultMatrix.INITIAL_BACKOFF);
			AriaAccessToken token = this.manager.getToken();
			List<String> warnings = logs.messages(AriaTokenManager.class, Level.WARN);
			assertThat(warnings).singleElement()
				.asString()
				.contains(this.server.tokenUri(), "HTTP 401", "error 'invalid_client'", "1 failure(s) in a row",
						"no valid token is held", "next attempt in");
			List<String> debug = logs.messages(AriaTokenManager.class, Level.DEBUG);
			assertThat(debug).singleElement()
				.asString()
				.contains("aria: fetched an Aria token for client_no " + TestJwts.CLIENT_NO,
						" ms; it expires at " + token.expiresAt());
			Leaks.assertNoSecrets(logs.lines(), this.server.issuedTokens());
		}
	}

	private void apply(Fault fault) {
		this.requestFactory.setReadTimeout(fault.readTimeout());
		if (fault.refused()) {
			this.server.down();
		}
		else {
			this.server.answer(fault.response());
		}
	}

	private AriaAccessToken awaitRecovery(Fault fault) {
		this.requestFactory.setReadTimeout(FaultMatrix.READ_TIMEOUT);
		this.server.up();
		this.server.answer(TokenServer::good);
		int requestsBefore = this.server.requests();
		Duration switched = this.clock.elapsed();
		AriaAccessToken token = null;
		while (token == null) {
			assertThat(this.clock.elapsed().minus(switched)).isLessThanOrEqualTo(recoveryBound(fault));
			this.clock.advance(STEP);
			token = attempt();
		}
		assertThat(this.server.requests()).isEqualTo(requestsBefore + 1);
		for (int i = 0; i < 100; i++) {
			this.clock.advance(STEP);
			assertThat(this.manager.getToken()).isSameAs(token);
		}
		assertThat(this.server.requests()).isEqualTo(requestsBefore + 1);
		assertThat(this.manager.getLastFailure()).isEmpty();
		return token;
	}

	// Without a valid token the next attempt comes within the backoff without a token,
	// unless the server asked
	// for a longer wait.
	private static Duration recoveryBound(Fault fault) {
		Duration bound = FaultMatrix.MAX_BACKOFF_WITHOUT_TOKEN;
		if (fault.retryAfter() != null && fault.retryAfter().compareTo(bound) > 0) {
			bound = fault.retryAfter();
		}
		return bound.plus(STEP);
	}

	private @Nullable AriaAccessToken attempt() {
		try {
			return this.manager.getToken();
		}
		catch (AriaAuthException ex) {
			return null;
		}
	}

	private void assertFailure(@Nullable AriaAuthException failure, Fault fault) {
		assertThat(failure).as("the caller's exception").isNotNull();
		assertThat(failure.getErrorCode()).isEqualTo(fault.errorCode());
		assertThat(failure.getHttpStatus()).isEqualTo(fault.status());
		assertThat(failure.getEndpoint()).isEqualTo(URI.create(this.server.tokenUri()));
		assertThat(failure.getMessage()).startsWith("Aria token request to " + this.server.tokenUri() + " failed")
			.endsWith(failure.getHint());
		if (fault.status() != null) {
			assertThat(failure.getMessage()).contains("HTTP " + fault.status());
		}
		if (fault.errorCode() != null) {
			assertThat(failure.getMessage()).contains("error '" + fault.errorCode() + "'");
		}
		assertThat(failure.getHint()).isNotBlank();
		assertThat(failure.getRetryAfter()).isEqualTo(fault.retryAfter());
	}

	/**
	 * The attempts (simulated times at which they failed) are spaced by the jittered
	 * exponential backoff up to {@code ceiling}: no more than if every delay were the
	 * shortest the jitter allows, no fewer than if every delay were the longest. While a
	 * token is held, one attempt may come early, shortly before the token stops being
	 * usable, so that a long backoff does not skip past it.
	 */
	static void assertBackoff(List<Duration> failures, Duration period, Duration ceiling,
			@Nullable Duration retryAfter) {
		long cap = ceiling.toMillis();
		long floor = (retryAfter != null) ? Math.min(retryAfter.toMillis(), FaultMatrix.MAX_BACKOFF.toMillis()) : 0;
		long shortest = 0;
		long longest = 0;
		int most = 2;
		int fewest = 1;
		for (int n = 0; n < 1000; n++) {
			long backoff = Math.min(cap, FaultMatrix.INITIAL_BACKOFF.toMillis() << Math.min(n, 30));
			shortest += Math.max(backoff / 2, floor);
			longest += Math.max(backoff, floor) + Duration.ofSeconds(1).toMillis();
			most += (shortest <= period.toMillis()) ? 1 : 0;
			fewest += (longest <= period.toMillis()) ? 1 : 0;
		}
		assertThat(failures).as("token requests over the period").hasSizeBetween(fewest, most);
		int early = 0;
		for (int i = 1; i < failures.size(); i++) {
			Duration gap = failures.get(i).minus(failures.get(i - 1));
			long backoff = Math.min(cap, FaultMatrix.INITIAL_BACKOFF.toMillis() << Math.min(i - 1, 30));
			if (gap.toMillis() < Math.max(backoff / 2, floor)) {
				early++;
				assertThat(gap.toMillis()).as("early gap before attempt %d", i + 1).isGreaterThanOrEqualTo(floor);
			}
		}
		assertThat(early).as("attempts earlier than the backoff").isLessThanOrEqualTo(1);
	}

}
