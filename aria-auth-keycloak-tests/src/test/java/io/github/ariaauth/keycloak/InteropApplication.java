package io.github.ariaauth.keycloak;

import java.util.HashMap;
import java.util.Map;

import io.github.ariaauth.AriaTokenListener;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * An application that uses aria-auth the way a user's does: the starter on the class
 * path, {@code aria.auth.*} properties, and an {@link AriaTokenListener} bean that counts
 * token requests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class InteropApplication {

	@Bean
	TokenRequests tokenRequests() {
		return new TokenRequests();
	}

	/**
	 * The properties that point aria-auth at Keycloak's token endpoint and at the API
	 * stand-in.
	 */
	static Map<String, Object> properties(String tokenUri, BillieResourceServer api, AriaRealm client) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("aria.auth.token-uri", tokenUri);
		properties.put("aria.auth.api-base-url", api.baseUrl());
		properties.put("aria.auth.client-id", client.clientId);
		properties.put("aria.auth.client-secret", client.secret);
		// Reactor Netty otherwise waits a 2 s quiet period on every context close (see
		// the client tests' FakeAria).
		properties.put("spring.reactor.netty.shutdown-quiet-period", "100ms");
		return properties;
	}

	static ConfigurableApplicationContext run(Map<String, Object> properties) {
		return new SpringApplicationBuilder(InteropApplication.class).main(InteropApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.properties(properties)
			.run();
	}

}
