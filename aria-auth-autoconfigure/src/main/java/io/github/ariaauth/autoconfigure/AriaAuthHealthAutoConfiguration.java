package io.github.ariaauth.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.actuate.AriaAuthHealthIndicator;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code ariaAuth} health indicator (with several
 * registrations, a composite of one indicator per registration, where one without a token
 * while another serves reports {@link AriaAuthHealthIndicator#REGISTRATION_DOWN}),
 * switched off with {@code management.health.aria-auth.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AriaAuthAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(AriaRegistrations.class)
@ConditionalOnEnabledHealthIndicator("aria-auth")
public final class AriaAuthHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "ariaAuthHealthIndicator")
	HealthContributor ariaAuthHealthIndicator(AriaRegistrations registrations) {
		if (registrations.names().equals(Set.of(AriaTokenManager.REGISTRATION_ID))) {
			return new AriaAuthHealthIndicator(registrations.tokenManager(AriaTokenManager.REGISTRATION_ID));
		}
		// One entry per registration, each with the details the single indicator has;
		// one failing while another serves does not take the application DOWN. Read at
		// each call, so that registrations added or removed at run time show or go.
		return new RegistrationsHealth(registrations);
	}

	private record RegistrationsHealth(AriaRegistrations registrations) implements CompositeHealthContributor {

		@Override
		public @Nullable HealthContributor getContributor(String name) {
			return this.registrations.names().contains(name) ? indicators().get(name) : null;
		}

		@Override
		public Stream<Entry> stream() {
			return indicators().entrySet().stream().map((entry) -> new Entry(entry.getKey(), entry.getValue()));
		}

		private Map<String, HealthContributor> indicators() {
			Map<String, AriaTokenManager> managers = new LinkedHashMap<>();
			for (String name : this.registrations.names()) {
				try {
					managers.put(name, this.registrations.tokenManager(name));
				}
				catch (IllegalArgumentException removedMeanwhile) {
					// Gone between names() and the look-up: no longer shown.
				}
			}
			List<AriaTokenManager> all = List.copyOf(managers.values());
			Map<String, HealthContributor> indicators = new LinkedHashMap<>();
			managers.forEach((name, manager) -> indicators.put(name, new AriaAuthHealthIndicator(manager, all)));
			return indicators;
		}

	}

}
