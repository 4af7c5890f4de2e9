package io.github.ariaauth.autoconfigure;

import java.util.List;

import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaTokenTargets;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Builds the {@link AriaTokenTargets} shared by the WebClient filter and the RestClient
 * interceptor: the API host and port plus {@code aria.auth.allowed-hosts}.
 */
final class AriaTokenTargetsFactory {

	private AriaTokenTargetsFactory() {
	}

	static AriaTokenTargets create(AriaEndpoints endpoints, ObjectProvider<AriaAuthProperties> properties) {
		AriaAuthProperties resolved = properties.getIfAvailable();
		return create(endpoints, (resolved != null) ? resolved.getAllowedHosts() : List.of(),
				AriaAuthPropertiesResolver.PREFIX + "allowed-hosts");
	}

	/**
	 * The API host and port of {@code endpoints} plus {@code allowedHosts}, which come
	 * from {@code property}.
	 */
	static AriaTokenTargets create(AriaEndpoints endpoints, List<String> allowedHosts, String property) {
		for (String allowedHost : allowedHosts) {
			try {
				AriaTokenTargets.of(endpoints.apiBaseUrl(), List.of(allowedHost));
			}
			catch (IllegalArgumentException ex) {
				throw new AriaAuthConfigurationException(property, "'" + allowedHost + "'",
						"host names with an optional port, such as api.example.com or localhost:8080 (no scheme or path)");
			}
		}
		return AriaTokenTargets.of(endpoints.apiBaseUrl(), allowedHosts);
	}

}
