package io.github.ariaauth.autoconfigure;

import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Gives the RestClient-backed HTTP service group {@code aria-<name>} of each named
 * registration that registration's base URL and token, as group {@code aria} gets the
 * default registration's.
 */
final class AriaRegistrationsRestClientGroups implements RestClientHttpServiceGroupConfigurer {

	private final DefaultAriaRegistrations registrations;

	AriaRegistrationsRestClientGroups(DefaultAriaRegistrations registrations) {
		this.registrations = registrations;
	}

	@Override
	public void configureGroups(Groups<RestClient.Builder> groups) {
		for (String name : this.registrations.namedRegistrations()) {
			groups.filterByName("aria-" + name)
				.forEachClient(
						(group, builder) -> builder.baseUrl(this.registrations.endpoints(name).apiBaseUrl().toString())
							.requestInterceptor(this.registrations.interceptor(name)));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
