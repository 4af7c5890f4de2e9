package io.github.ariaauth;

import java.net.URI;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AriaEndpoints}: every region and stage against Aria's published
 * tables.
 */
class AriaEndpointsTests {

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(textBlock = """
			US,  PROD,    kauth.ariasystems.net,                   billieconnect.ariasystems.net
			US,  CURRENT, kauth.current.stage.ariasystems.net,     billieconnect.current.stage.ariasystems.net
			US,  FUTURE,  kauth.future.stage.ariasystems.net,      billieconnect.future.stage.ariasystems.net
			AUS, PROD,    kauth.prod.aus.ariasystems.net,          billieconnect.aus.ariasystems.net
			AUS, CURRENT, kauth.current.stage.aus.ariasystems.net, billieconnect.current.stage.aus.ariasystems.net
			AUS, FUTURE,  kauth.future.stage.aus.ariasystems.net,  billieconnect.future.stage.aus.ariasystems.net
			SGP, PROD,    kauth.prod.sgp.ariasystems.net,          billieconnect.sgp.ariasystems.net
			SGP, CURRENT, kauth.current.stage.sgp.ariasystems.net, billieconnect.current.stage.sgp.ariasystems.net
			SGP, FUTURE,  kauth.future.stage.sgp.ariasystems.net,  billieconnect.future.stage.sgp.ariasystems.net
			CPH, PROD,    kauth.cph.ariasystems.net,               billieconnect.cph.ariasystems.net
			CPH, CURRENT, kauth.current.stage.cph.ariasystems.net, billieconnect.current.stage.cph.ariasystems.net
			CPH, FUTURE,  kauth.future.stage.cph.ariasystems.net,  billieconnect.future.stage.cph.ariasystems.net
			""")
	void endpointsMatchAriasTables(AriaRegion region, AriaStage stage, String tokenHost, String apiHost) {
		AriaEndpoints endpoints = AriaEndpoints.of(region, stage);

		assertThat(endpoints.tokenUri())
			.isEqualTo(URI.create("https://" + tokenHost + "/realms/aria/protocol/openid-connect/token"));
		assertThat(endpoints.apiBaseUrl()).isEqualTo(URI.create("https://" + apiHost));
	}

	@ParameterizedTest
	@CsvSource({ "US", "AUS", "SGP", "CPH" })
	void everyStageOfEveryRegionHasDistinctHosts(AriaRegion region) {
		assertThat(
				Arrays.stream(AriaStage.values()).map((stage) -> AriaEndpoints.of(region, stage).tokenUri().getHost()))
			.doesNotHaveDuplicates();
		assertThat(Arrays.stream(AriaStage.values())
			.map((stage) -> AriaEndpoints.of(region, stage).apiBaseUrl().getHost())).doesNotHaveDuplicates();
	}

}
