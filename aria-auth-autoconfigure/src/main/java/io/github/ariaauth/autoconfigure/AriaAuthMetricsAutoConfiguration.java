package io.github.ariaauth.autoconfigure;

import java.time.Clock;

import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.actuate.AriaTokenExpiryMetrics;
import io.github.ariaauth.actuate.AriaTokenMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of aria-auth's Micrometer metrics: token requests, invalidations and token expiry.
 * <p>
 * The listener needs only the registry, so the token manager (which takes every listener) and the registry
 * never depend on each other; the expiry gauge is bound by Boot once all singletons exist.
 */
@AutoConfiguration(after = AriaAuthAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, AriaTokenManager.class })
public final class AriaAuthMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AriaTokenMetrics ariaTokenMetrics(MeterRegistry meterRegistry) {
		return new AriaTokenMetrics(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	AriaTokenExpiryMetrics ariaTokenExpiryMetrics(AriaTokenManager tokenManager) {
		return new AriaTokenExpiryMetrics(tokenManager, Clock.systemUTC());
	}

}
