package io.github.ariaauth.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.actuate.AriaAuthHealthIndicator;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * One health entry per registration, each with the details the single indicator has; one
 * failing while another serves does not take the application DOWN. Read at each call, so
 * that registrations added or removed at run time show or go.
 */
record RegistrationsHealth(AriaRegistrations registrations) implements CompositeHealthContributor {

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.registrations.names().contains(name) ? indicators().get(name) : null;
	}

	@Override
	public Stream<Entry> stream() {
		return indicators().entrySet().stream().map((entry) -> new Entry(entry.getKey(), entry.getValue()));
	}

	private Map<String, ? extends HealthContributor> indicators() {
		return indicators(this.registrations);
	}

	/**
	 * The indicator of each registration there is now, by name; each one knows all the
	 * others, as health details compare them.
	 */
	static Map<String, AriaAuthHealthIndicator> indicators(AriaRegistrations registrations) {
		Map<String, AriaTokenManager> managers = new LinkedHashMap<>();
		for (String name : registrations.names()) {
			try {
				managers.put(name, registrations.tokenManager(name));
			}
			catch (IllegalArgumentException removedMeanwhile) {
				// Gone between names() and the look-up: no longer shown.
			}
		}
		List<AriaTokenManager> all = List.copyOf(managers.values());
		Map<String, AriaAuthHealthIndicator> indicators = new LinkedHashMap<>();
		managers.forEach((name, manager) -> indicators.put(name, new AriaAuthHealthIndicator(manager, all)));
		return indicators;
	}

}
