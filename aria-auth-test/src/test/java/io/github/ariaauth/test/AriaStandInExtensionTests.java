package io.github.ariaauth.test;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.ariaauth.test.StandInHttp.accessToken;
import static io.github.ariaauth.test.StandInHttp.requestToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AriaStandInExtension} registered as a field. The stand-in is dirtied
 * before every test (by {@code @BeforeAll} before the first, by {@code @AfterEach} before
 * the others), so each test proves the reset on its own, in whatever order or selection
 * the tests run.
 */
class AriaStandInExtensionTests {

	@RegisterExtension
	static final AriaStandInExtension aria = new AriaStandInExtension(AriaStandIn.builder().clientNo("99"));

	private static int port;

	@BeforeAll
	static void standInRunsBeforeAllTests(AriaStandIn standIn) throws Exception {
		assertThat(standIn.isStarted()).isTrue();
		port = standIn.port();
		dirty(standIn);
	}

	@AfterEach
	void dirtyTheStandInForTheNextTest(AriaStandIn standIn) throws Exception {
		dirty(standIn);
	}

	@Test
	void resolvesTheConfiguredStandInResetBeforeTheTest(AriaStandIn standIn) throws Exception {
		assertThat(standIn).isSameAs(aria.standIn());
		assertThat(standIn.clientNo()).isEqualTo("99");
		assertThat(standIn.port()).isEqualTo(port);
		assertReset(standIn);
	}

	@Test
	void resetsCountersFaultsAndSettingsBeforeEachTest(AriaStandIn standIn) throws Exception {
		assertThat(standIn.port()).isEqualTo(port);
		assertReset(standIn);
	}

	private static void dirty(AriaStandIn standIn) throws Exception {
		accessToken(standIn);
		standIn.failNext(Endpoint.TOKEN, 2, Fault.status(500));
		standIn.failNext(Endpoint.API, 1, Fault.status(500));
		standIn.setTokenLifetime(Duration.ofSeconds(1));
		standIn.setOmitExpiresIn(true);
		assertThat(standIn.tokenRequestCount()).isPositive();
		assertThat(standIn.issuedTokens()).isNotEmpty();
	}

	private static void assertReset(AriaStandIn standIn) throws Exception {
		assertThat(standIn.tokenRequestCount()).isZero();
		assertThat(standIn.apiRequestCount()).isZero();
		assertThat(standIn.issuedTokens()).isEmpty();
		assertThat(standIn.pendingFaults(Endpoint.TOKEN)).isZero();
		assertThat(standIn.pendingFaults(Endpoint.API)).isZero();
		assertThat(standIn.tokenLifetime()).isEqualTo(Duration.ofHours(1));
		// A fault left over would fail this request; a lifetime or omitted expires_in
		// left over would show here.
		assertThat(StandInHttp.json(requestToken(standIn)).get("expires_in").asLong()).isEqualTo(3600);
	}

}
