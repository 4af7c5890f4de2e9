package io.github.ariaauth.test;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.ariaauth.test.StandInHttp.accessToken;
import static io.github.ariaauth.test.StandInHttp.requestToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AriaStandInExtension} registered as a field: the second test sees a clean stand-in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AriaStandInExtensionTests {

	@RegisterExtension
	static final AriaStandInExtension aria = new AriaStandInExtension(AriaStandIn.builder().clientNo("99"));

	private static int port;

	@BeforeAll
	static void standInRunsBeforeAllTests(AriaStandIn standIn) {
		assertThat(standIn.isStarted()).isTrue();
		port = standIn.port();
	}

	@Test
	@Order(1)
	void resolvesConfiguredStandIn(AriaStandIn standIn) throws Exception {
		assertThat(standIn).isSameAs(aria.standIn());
		assertThat(standIn.clientNo()).isEqualTo("99");
		assertThat(standIn.port()).isEqualTo(port);
		accessToken(standIn);
		standIn.failNext(Endpoint.TOKEN, 2, Fault.status(500));
		standIn.setTokenLifetime(Duration.ofSeconds(1));
		standIn.setOmitExpiresIn(true);
		assertThat(standIn.tokenRequestCount()).isEqualTo(1);
	}

	@Test
	@Order(2)
	void resetsCountersFaultsAndSettingsBeforeEachTest(AriaStandIn standIn) throws Exception {
		assertThat(standIn.port()).isEqualTo(port);
		assertThat(standIn.tokenRequestCount()).isZero();
		assertThat(standIn.issuedTokens()).isEmpty();
		assertThat(standIn.pendingFaults(Endpoint.TOKEN)).isZero();
		assertThat(standIn.tokenLifetime()).isEqualTo(Duration.ofHours(1));
		assertThat(StandInHttp.json(requestToken(standIn)).get("expires_in").asLong()).isEqualTo(3600);
	}

}
