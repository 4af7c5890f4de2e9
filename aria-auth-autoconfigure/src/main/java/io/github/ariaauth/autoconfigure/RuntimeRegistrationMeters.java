package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.actuate.AriaTokenExpiryMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Keeps the meters of registrations added at run time in step with them: the expiry gauge
 * of an added one is published (its counters and timer come from its token core, as for a
 * configured one), and every aria-auth meter of a removed one is dropped, so that neither
 * the registry nor a gauge keeps a removed token core reachable.
 */
final class RuntimeRegistrationMeters implements MeterBinder {

	private final DefaultAriaRegistrations registrations;

	private final AriaTokenExpiryMetrics expiry;

	RuntimeRegistrationMeters(DefaultAriaRegistrations registrations, AriaTokenExpiryMetrics expiry) {
		this.registrations = registrations;
		this.expiry = expiry;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registrations.addListener(new DefaultAriaRegistrations.RegistrationsListener() {

			@Override
			public void added(String name, AriaTokenManager tokenManager) {
				RuntimeRegistrationMeters.this.expiry.bindTo(registry, name);
			}

			@Override
			public void removed(String name) {
				for (Meter meter : registry.getMeters()) {
					if (name.equals(meter.getId().getTag("registration"))
							&& meter.getId().getName().startsWith("aria.auth.")) {
						registry.remove(meter);
					}
				}
			}

		});
	}

}
