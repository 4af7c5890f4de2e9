package io.github.ariaauth;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * The token endpoint and Billie Connect API base URL of one Aria region and stage.
 *
 * @since 0.1.0
 * @param tokenUri the OAuth 2.0 token endpoint
 * @param apiBaseUrl the Billie Connect API base URL
 */
public record AriaEndpoints(URI tokenUri, URI apiBaseUrl) {

	private static final String TOKEN_PATH = "/realms/aria/protocol/openid-connect/token";

	// Spelled out host by host: the prod hosts follow no single pattern across regions.
	private static final Map<AriaRegion, Map<AriaStage, AriaEndpoints>> CATALOGUE = new EnumMap<>(AriaRegion.class);

	static {
		add(AriaRegion.US, AriaStage.PROD, "kauth.ariasystems.net", "billieconnect.ariasystems.net");
		add(AriaRegion.US, AriaStage.CURRENT, "kauth.current.stage.ariasystems.net",
				"billieconnect.current.stage.ariasystems.net");
		add(AriaRegion.US, AriaStage.FUTURE, "kauth.future.stage.ariasystems.net",
				"billieconnect.future.stage.ariasystems.net");
		add(AriaRegion.AUS, AriaStage.PROD, "kauth.prod.aus.ariasystems.net", "billieconnect.aus.ariasystems.net");
		add(AriaRegion.AUS, AriaStage.CURRENT, "kauth.current.stage.aus.ariasystems.net",
				"billieconnect.current.stage.aus.ariasystems.net");
		add(AriaRegion.AUS, AriaStage.FUTURE, "kauth.future.stage.aus.ariasystems.net",
				"billieconnect.future.stage.aus.ariasystems.net");
		add(AriaRegion.SGP, AriaStage.PROD, "kauth.prod.sgp.ariasystems.net", "billieconnect.sgp.ariasystems.net");
		add(AriaRegion.SGP, AriaStage.CURRENT, "kauth.current.stage.sgp.ariasystems.net",
				"billieconnect.current.stage.sgp.ariasystems.net");
		add(AriaRegion.SGP, AriaStage.FUTURE, "kauth.future.stage.sgp.ariasystems.net",
				"billieconnect.future.stage.sgp.ariasystems.net");
		add(AriaRegion.CPH, AriaStage.PROD, "kauth.cph.ariasystems.net", "billieconnect.cph.ariasystems.net");
		add(AriaRegion.CPH, AriaStage.CURRENT, "kauth.current.stage.cph.ariasystems.net",
				"billieconnect.current.stage.cph.ariasystems.net");
		add(AriaRegion.CPH, AriaStage.FUTURE, "kauth.future.stage.cph.ariasystems.net",
				"billieconnect.future.stage.cph.ariasystems.net");
	}

	/**
	 * Return Aria's published endpoints for a region and stage.
	 * @param region the region
	 * @param stage the stage
	 * @return the endpoints
	 */
	public static AriaEndpoints of(AriaRegion region, AriaStage stage) {
		AriaEndpoints endpoints = CATALOGUE.getOrDefault(region, Map.of()).get(stage);
		Assert.state(endpoints != null, () -> "No endpoints for Aria region " + region + ", stage " + stage);
		return endpoints;
	}

	private static void add(AriaRegion region, AriaStage stage, String tokenHost, String apiHost) {
		AriaEndpoints endpoints = new AriaEndpoints(URI.create("https://" + tokenHost + TOKEN_PATH),
				URI.create("https://" + apiHost));
		CATALOGUE.computeIfAbsent(region, (key) -> new EnumMap<>(AriaStage.class)).put(stage, endpoints);
	}

}
