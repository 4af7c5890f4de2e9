package io.github.ariaauth.keycloak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.keycloak.Billie.Via;
import io.github.ariaauth.keycloak.BillieResourceServer.Arrival;
import io.github.ariaauth.keycloak.BillieResourceServer.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10-second Keycloak tokens under continuous calls from several threads: nobody ever
 * waits for a token long enough to fail, the token is renewed about once per half
 * lifetime (the refresh window is half of a short lifetime), and an expired token never
 * reaches the API.
 */
@ExtendWith(KeycloakExtension.class)
class ShortLivedTokenTests {

	private static final Duration RUN = Duration.ofSeconds(30);

	private static final Duration PAUSE_BETWEEN_CALLS = Duration.ofMillis(10);

	private static final int CALLERS_PER_CLIENT = 2;

	private BillieResourceServer api;

	@BeforeEach
	void useApi(BillieResourceServer api) {
		this.api = api;
	}

	@Test
	void continuousCallsNeverFailAndNeverSendAnExpiredToken(KeycloakServer keycloak) throws Exception {
		AriaRealm client = AriaRealm.TEN_SECONDS;
		AtomicInteger succeeded = new AtomicInteger();
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		List<AriaAccessToken> tokens;
		try (ConfigurableApplicationContext context = InteropApplication
			.run(InteropApplication.properties(keycloak.tokenUri().toString(), this.api, client))) {
			Billie billie = new Billie(context);
			ExecutorService callers = Executors.newFixedThreadPool(2 * CALLERS_PER_CLIENT);
			long end = System.nanoTime() + RUN.toNanos();
			List<Future<?>> running = new ArrayList<>();
			for (Via via : Via.values()) {
				for (int i = 0; i < CALLERS_PER_CLIENT; i++) {
					running.add(callers.submit(() -> {
						while (System.nanoTime() < end) {
							try {
								assertThat(billie.ask(via)).containsEntry("client_no", client.clientNo);
								succeeded.incrementAndGet();
							}
							catch (Throwable ex) {
								failures.add(ex);
							}
							LockSupport.parkNanos(PAUSE_BETWEEN_CALLS.toNanos());
						}
					}));
				}
			}
			for (Future<?> caller : running) {
				caller.get(RUN.toSeconds() + 30, TimeUnit.SECONDS);
			}
			callers.shutdown();
			tokens = context.getBean(TokenRequests.class).fetched();
			assertThat(context.getBean(TokenRequests.class).failed()).isEmpty();
		}
		System.out.println("10 s tokens over " + RUN.toSeconds() + " s: " + succeeded.get() + " calls, " + tokens.size()
				+ " token requests, latest expiry aria-auth assumed vs the token's exp: "
				+ ExpiryDrift.largest(tokens).toMillis() + " ms");
		assertThat(failures).isEmpty();
		assertThat(succeeded.get()).isGreaterThan(200);
		// aria-auth stops using a token a tenth of its lifetime (1 s) before the end it
		// assumes, which is less than a second after the JWT's exp (Keycloak's exp is in
		// whole seconds): it never picks a token at or after its exp, so no call that
		// began then carries it. A call that began just before may reach the API just
		// after, on a slow machine by more than the slack; the API rejects it, and
		// aria-auth resends it once with a new token.
		List<Arrival> rejected = this.api.rejected();
		assertThat(rejected).allSatisfy((arrival) -> {
			assertThat(arrival.outcome()).isEqualTo(Outcome.EXPIRED);
			assertThat(arrival.callStartedAt()).isBefore(arrival.expiresAt());
		});
		assertThat(this.api.arrivals()).hasSize(succeeded.get() + rejected.size());
		assertThat(tokens).allSatisfy((token) -> assertThat(ExpiryDrift.of(token)).isLessThan(Duration.ofSeconds(1)));
		// expires_in is 10, or 9 when Keycloak's clock ticks to the next second while it
		// answers.
		assertThat(tokens).allSatisfy((token) -> assertThat(Duration.between(token.issuedAt(), token.expiresAt()))
			.isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10)));
		// Each token serves at most 9 s (its lifetime less the margin), so the calls'
		// span needs at least one token per 9 s, however few calls a slow machine made;
		// a refresh starts no earlier than 5 s into a token, and a rejected token costs
		// one more.
		Duration span = span(this.api.arrivals());
		assertThat(tokens.size()).isBetween(1 + (int) (span.toMillis() / 9000),
				2 + (int) (RUN.toSeconds() / 5) + rejected.size());
	}

	private static Duration span(List<Arrival> arrivals) {
		Instant first = arrivals.stream().map(Arrival::arrivedAt).min(Instant::compareTo).orElseThrow();
		Instant last = arrivals.stream().map(Arrival::arrivedAt).max(Instant::compareTo).orElseThrow();
		return Duration.between(first, last);
	}

}
