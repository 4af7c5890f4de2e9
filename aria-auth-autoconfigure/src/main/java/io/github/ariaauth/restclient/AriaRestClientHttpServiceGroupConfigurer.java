package io.github.ariaauth.restclient;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Gives the HTTP service clients of group {@value #GROUP}
 * ({@code @ImportHttpServices(group = "aria", ...)}) the Billie Connect base URL and the
 * bearer-token interceptor; other groups are left alone.
 * <p>
 * Runs before Spring Boot's {@code spring.http.serviceclient.aria.*} properties are
 * applied, so a base URL set there wins (the token still goes only to allowed hosts).
 *
 * @since 0.1.0
 */
public final class AriaRestClientHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	/** The name of the HTTP service group that is configured. */
	public static final String GROUP = "aria";

	private final URI baseUrl;

	private final AriaBearerClientHttpRequestInterceptor interceptor;

	/**
	 * Create a configurer.
	 * @param baseUrl the Billie Connect API base URL
	 * @param interceptor the interceptor that adds the token
	 */
	public AriaRestClientHttpServiceGroupConfigurer(URI baseUrl, AriaBearerClientHttpRequestInterceptor interceptor) {
		Assert.notNull(baseUrl, "baseUrl must not be null");
		Assert.notNull(interceptor, "interceptor must not be null");
		this.baseUrl = baseUrl;
		this.interceptor = interceptor;
	}

	@Override
	public void configureGroups(Groups<RestClient.Builder> groups) {
		groups.filterByName(GROUP)
			.forEachClient(
					(group, builder) -> builder.baseUrl(this.baseUrl.toString()).requestInterceptor(this.interceptor));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
