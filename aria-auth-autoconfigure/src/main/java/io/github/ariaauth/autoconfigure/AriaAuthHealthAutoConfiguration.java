package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.actuate.AriaAuthHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code ariaAuth} health indicator, switched off with
 * {@code management.health.aria-auth.enabled=false}.
 */
@AutoConfiguration(after = AriaAuthAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(AriaTokenManager.class)
@ConditionalOnEnabledHealthIndicator("aria-auth")
public final class AriaAuthHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "ariaAuthHealthIndicator")
	AriaAuthHealthIndicator ariaAuthHealthIndicator(AriaTokenManager tokenManager) {
		return new AriaAuthHealthIndicator(tokenManager);
	}

}
