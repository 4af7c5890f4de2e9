package io.github.ariaauth.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.actuate.AriaAuthHealthIndicator;

import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of an application configured with the default registration alone: exactly the
 * default registration's indicator while it is the only registration, so that the shape
 * of {@code ariaAuth} stays what it always was; once registrations are added at run time,
 * the same details plus a {@code registrations} map with each registration's status and
 * details (the default one included), and the status their aggregate. Boot fixes whether
 * a contributor is a single indicator or a composite when it reads the bean, so the added
 * registrations cannot become entries of their own here. Still an
 * {@link AriaAuthHealthIndicator}, the type this bean always had.
 */
final class DefaultRegistrationHealth extends AriaAuthHealthIndicator {

	static final String REGISTRATIONS = "registrations";

	private final AriaRegistrations registrations;

	private final Supplier<StatusAggregator> statusAggregator;

	DefaultRegistrationHealth(AriaRegistrations registrations, Supplier<StatusAggregator> statusAggregator) {
		super(registrations.tokenManager(AriaTokenManager.REGISTRATION_ID));
		this.registrations = registrations;
		this.statusAggregator = statusAggregator;
	}

	@Override
	public Health health() {
		Health own = super.health();
		Map<String, AriaAuthHealthIndicator> indicators = RegistrationsHealth.indicators(this.registrations);
		if (indicators.size() <= 1) {
			return own;
		}
		Map<String, Health> each = new LinkedHashMap<>();
		indicators.forEach((name, indicator) -> each.put(name, indicator.health()));
		Set<Status> statuses = each.values().stream().map(Health::getStatus).collect(Collectors.toSet());
		Map<String, Object> entries = new LinkedHashMap<>();
		each.forEach((name, health) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("status", health.getStatus().getCode());
			entry.put("details", health.getDetails());
			entries.put(name, entry);
		});
		return Health.status(this.statusAggregator.get().getAggregateStatus(statuses))
			.withDetails(own.getDetails())
			.withDetail(REGISTRATIONS, entries)
			.build();
	}

}
