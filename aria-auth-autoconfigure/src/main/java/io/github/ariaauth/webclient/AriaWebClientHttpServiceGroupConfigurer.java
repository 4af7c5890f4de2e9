package io.github.ariaauth.webclient;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * Gives the reactive HTTP service clients of group {@value #GROUP}
 * ({@code @ImportHttpServices(group = "aria", clientType = WEB_CLIENT, ...)}) the Billie
 * Connect base URL and the bearer-token filter; other groups are left alone.
 * <p>
 * Runs before Spring Boot's {@code spring.http.serviceclient.aria.*} properties are
 * applied, so a base URL set there wins (the token still goes only to allowed hosts).
 *
 * @since 0.1.0
 */
public final class AriaWebClientHttpServiceGroupConfigurer implements WebClientHttpServiceGroupConfigurer {

	/** The name of the HTTP service group that is configured. */
	public static final String GROUP = "aria";

	private final URI baseUrl;

	private final AriaBearerExchangeFilterFunction filter;

	/**
	 * Create a configurer.
	 * @param baseUrl the Billie Connect API base URL
	 * @param filter the filter that adds the token
	 */
	public AriaWebClientHttpServiceGroupConfigurer(URI baseUrl, AriaBearerExchangeFilterFunction filter) {
		Assert.notNull(baseUrl, "baseUrl must not be null");
		Assert.notNull(filter, "filter must not be null");
		this.baseUrl = baseUrl;
		this.filter = filter;
	}

	@Override
	public void configureGroups(Groups<WebClient.Builder> groups) {
		groups.filterByName(GROUP)
			.forEachClient((group, builder) -> builder.baseUrl(this.baseUrl.toString()).filter(this.filter));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
