package io.github.ariaauth.autoconfigure;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * Gives the WebClient-backed HTTP service group {@code aria-<name>} of each named
 * registration that registration's base URL and token, as group {@code aria} gets the
 * default registration's.
 */
final class AriaRegistrationsWebClientGroups implements WebClientHttpServiceGroupConfigurer {

	private final DefaultAriaRegistrations registrations;

	AriaRegistrationsWebClientGroups(DefaultAriaRegistrations registrations) {
		this.registrations = registrations;
	}

	@Override
	public void configureGroups(Groups<WebClient.Builder> groups) {
		for (String name : this.registrations.namedRegistrations()) {
			groups.filterByName("aria-" + name)
				.forEachClient(
						(group, builder) -> builder.baseUrl(this.registrations.endpoints(name).apiBaseUrl().toString())
							.filter(this.registrations.reactive(name).filter()));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
