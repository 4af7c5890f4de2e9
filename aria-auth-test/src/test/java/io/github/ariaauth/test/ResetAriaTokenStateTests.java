package io.github.ariaauth.test;

import java.time.Duration;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.autoconfigure.AriaAuthAutoConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Test methods that share one cached application context each start with a clean token
 * state, through {@link ResetAriaTokenStateTestExecutionListener} as registered in
 * {@code spring.factories}. Each scenario runs in both orders, so that no test passes
 * only because of the order it runs in.
 */
@SpringBootTest(classes = ResetAriaTokenStateTests.TokenCoreApplication.class)
class ResetAriaTokenStateTests {

	@RegisterExtension
	static AriaStandInExtension aria = new AriaStandInExtension();

	/**
	 * The token manager an earlier test left state in; a later test must be given the
	 * same one.
	 */
	private static @Nullable AriaTokenManager usedByEarlierTest;

	@Autowired
	private AriaTokenManager tokens;

	@DynamicPropertySource
	static void ariaProperties(DynamicPropertyRegistry registry) {
		AriaStandInProperties.register(registry, aria);
	}

	void fetchToken(AriaStandIn standIn) {
		AriaAccessToken token = this.tokens.getToken();
		// nothing cached by an earlier test: this test's stand-in counted the request
		assertThat(standIn.tokenRequestCount()).isOne();
		assertThat(this.tokens.getCachedToken()).contains(token);
		usedByEarlierTest = this.tokens;
	}

	void failWhileTheTokenEndpointIsDown(AriaStandIn standIn) {
		// Retry-After puts the next attempt minutes away: a later test would get this
		// failure without the reset
		standIn.failNext(Endpoint.TOKEN, 1, Fault.serviceUnavailable(Duration.ofMinutes(5)));
		assertThatExceptionOfType(AriaAuthException.class).isThrownBy(this.tokens::getToken)
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(503));
		assertThatExceptionOfType(AriaAuthException.class).isThrownBy(this.tokens::getToken);
		assertThat(standIn.tokenRequestCount()).isOne();
		assertThat(this.tokens.getLastFailure()).isPresent();
		usedByEarlierTest = this.tokens;
	}

	void startClean(AriaStandIn standIn) {
		if (usedByEarlierTest != null) {
			assertThat(this.tokens).as("the context is shared").isSameAs(usedByEarlierTest);
		}
		assertThat(this.tokens.getCachedToken()).isEmpty();
		assertThat(this.tokens.getLastFailure()).isEmpty();
		assertThat(this.tokens.getToken()).isNotNull();
		assertThat(standIn.tokenRequestCount()).isOne();
	}

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class TokenThenNext {

		@Test
		@Order(1)
		void fetchesAToken(AriaStandIn standIn) {
			fetchToken(standIn);
		}

		@Test
		@Order(2)
		void startsWithoutTheEarlierToken(AriaStandIn standIn) {
			startClean(standIn);
		}

	}

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class NextThenToken {

		@Test
		@Order(1)
		void startsWithoutAToken(AriaStandIn standIn) {
			startClean(standIn);
		}

		@Test
		@Order(2)
		void fetchesAToken(AriaStandIn standIn) {
			fetchToken(standIn);
		}

	}

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class FailureThenNext {

		@Test
		@Order(1)
		void failsWhileTheTokenEndpointIsDown(AriaStandIn standIn) {
			failWhileTheTokenEndpointIsDown(standIn);
		}

		@Test
		@Order(2)
		void startsWithoutTheEarlierFailureOrItsBackoff(AriaStandIn standIn) {
			startClean(standIn);
		}

	}

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class NextThenFailure {

		@Test
		@Order(1)
		void startsWithoutAFailure(AriaStandIn standIn) {
			startClean(standIn);
		}

		@Test
		@Order(2)
		void failsWhileTheTokenEndpointIsDown(AriaStandIn standIn) {
			failWhileTheTokenEndpointIsDown(standIn);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AriaAuthAutoConfiguration.class)
	static class TokenCoreApplication {

	}

}
