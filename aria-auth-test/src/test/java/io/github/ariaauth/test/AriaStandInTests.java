package io.github.ariaauth.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.ariaauth.test.StandInHttp.accessToken;
import static io.github.ariaauth.test.StandInHttp.converseV2;
import static io.github.ariaauth.test.StandInHttp.question;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link AriaStandIn} itself: addresses, lifecycle, counters and secrecy.
 */
class AriaStandInTests {

	private static final String SECRET = "very-secret-value";

	@RegisterExtension
	static final AriaStandInExtension aria = new AriaStandInExtension(AriaStandIn.builder().clientSecret(SECRET));

	@Test
	void addressesPointAtLoopbackPort(AriaStandIn standIn) {
		String base = "http://127.0.0.1:" + standIn.port();
		assertThat(standIn.apiBaseUrl()).isEqualTo(base);
		assertThat(standIn.tokenUri()).isEqualTo(base + "/realms/aria/protocol/openid-connect/token");
		assertThat(standIn.jwkSetUri()).isEqualTo(base + "/realms/aria/protocol/openid-connect/certs");
		assertThat(standIn.issuer()).isEqualTo(base + "/realms/aria");
	}

	@Test
	void startBindsTheGivenPortAndNamesItWhenItIsTaken(AriaStandIn standIn) {
		// The port of a running stand-in: taken for sure, with no window in which another
		// process could take it.
		int taken = standIn.port();
		AriaStandIn second = new AriaStandIn();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> second.start(taken))
			.withMessage("Could not start the Aria stand-in on port " + taken)
			.withCauseInstanceOf(BindException.class);
		assertThat(second.isStarted()).isFalse();
		second.close();
	}

	@Test
	void addressesAreUnknownBeforeStart() {
		AriaStandIn standIn = new AriaStandIn();
		assertThat(standIn.isStarted()).isFalse();
		assertThatIllegalStateException().isThrownBy(standIn::tokenUri);
		assertThat(standIn)
			.hasToString("AriaStandIn[not started, clientId=aria-test-client, clientNo=7000213, accountNo=12345]");
	}

	@Test
	void startsOnlyOnce(AriaStandIn standIn) {
		assertThatIllegalStateException().isThrownBy(standIn::start);
	}

	@Test
	void toStringDoesNotRevealSecret(AriaStandIn standIn) {
		assertThat(standIn.clientSecret()).isEqualTo(SECRET);
		assertThat(standIn.toString()).contains(standIn.apiBaseUrl())
			.contains("aria-test-client")
			.doesNotContain(SECRET);
	}

	@Test
	void resetClearsCountersAndRecordsButKeepsFaults(AriaStandIn standIn) throws Exception {
		converseV2(standIn, accessToken(standIn), question("balance"));
		standIn.failNext(Endpoint.API, 1, Fault.status(500));
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
		assertThat(standIn.apiRequestCount()).isEqualTo(1);
		assertThat(standIn.lastAuthorizationHeader()).startsWith("Bearer ");
		assertThat(standIn.issuedTokens()).hasSize(1);
		standIn.reset();
		assertThat(standIn.tokenRequestCount()).isZero();
		assertThat(standIn.apiRequestCount()).isZero();
		assertThat(standIn.lastAuthorizationHeader()).isNull();
		assertThat(standIn.issuedTokens()).isEmpty();
		assertThat(standIn.pendingFaults(Endpoint.API)).isEqualTo(1);
	}

	@Test
	void zeroLifetimeIssuesTokensThatAreAlreadyExpired(AriaStandIn standIn) throws Exception {
		standIn.setTokenLifetime(Duration.ZERO);
		assertThat(converseV2(standIn, accessToken(standIn), question("balance")).statusCode()).isEqualTo(401);
	}

	@Test
	void negativeLifetimeIsRejected(AriaStandIn standIn) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AriaStandIn.builder().tokenLifetime(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> standIn.setTokenLifetime(Duration.ofSeconds(-1)));
	}

	@Test
	void closeStopsServing() throws Exception {
		AriaStandIn standIn = new AriaStandIn().start();
		standIn.close();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> accessToken(standIn));
	}

}
