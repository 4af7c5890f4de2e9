package io.github.ariaauth.autoconfigure;

import java.time.Clock;

import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.actuate.AriaTokenExpiryMetrics;
import io.github.ariaauth.actuate.AriaTokenMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of aria-auth's Micrometer metrics, tagged with the registration:
 * invalidations and rejections (a listener added to each token core) and token expiry,
 * for registrations added at run time too, whose meters go when they are removed. The
 * timer of token requests comes from their observations.
 * <p>
 * The customizer needs the meter registry only once a token core is built, so the
 * registry never depends on a token core; the expiry gauges are bound by Boot once all
 * singletons exist.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AriaAuthAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, AriaRegistrations.class })
public final class AriaAuthMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "ariaTokenMetricsCustomizer")
	AriaTokenManagerBuilderCustomizer ariaTokenMetricsCustomizer(ObjectProvider<MeterRegistry> meterRegistry) {
		return (builder) -> builder.listener(new AriaTokenMetrics(meterRegistry.getObject(), builder.registrationId()));
	}

	@Bean
	@ConditionalOnMissingBean
	AriaTokenExpiryMetrics ariaTokenExpiryMetrics(AriaRegistrations registrations) {
		return new AriaTokenExpiryMetrics(registrations, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnBean(DefaultAriaRegistrations.class)
	@ConditionalOnMissingBean(name = "ariaRuntimeRegistrationMeters")
	MeterBinder ariaRuntimeRegistrationMeters(DefaultAriaRegistrations registrations,
			AriaTokenExpiryMetrics expiryMetrics) {
		return new RuntimeRegistrationMeters(registrations, expiryMetrics);
	}

}
