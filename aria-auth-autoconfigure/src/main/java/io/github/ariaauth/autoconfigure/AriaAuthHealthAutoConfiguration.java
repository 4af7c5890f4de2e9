package io.github.ariaauth.autoconfigure;

import java.util.Set;

import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.actuate.AriaAuthHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
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
	HealthContributor ariaAuthHealthIndicator(AriaRegistrations registrations,
			ObjectProvider<HealthEndpointGroups> healthEndpointGroups) {
		if (registrations.names().equals(Set.of(AriaTokenManager.REGISTRATION_ID))) {
			// The shape it always had; registrations added later join its details, with
			// their status aggregated as the health endpoint's primary group would.
			return new DefaultRegistrationHealth(registrations, () -> {
				HealthEndpointGroups groups = healthEndpointGroups.getIfAvailable();
				return (groups != null) ? groups.getPrimary().getStatusAggregator() : StatusAggregator.getDefault();
			});
		}
		return new RegistrationsHealth(registrations);
	}

}
