package io.github.ariaauth.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the default registration ({@code aria.auth.*}) is wanted: always without
 * named registrations (its credentials are then required), and with them only when a
 * top-level client id or secret is set.
 */
class DefaultRegistrationCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return wanted(context.getEnvironment())
				? ConditionOutcome.match("no named registrations, or aria.auth.client-id or client-secret set")
				: ConditionOutcome.noMatch("only named registrations: no aria.auth.client-id or client-secret");
	}

	static boolean wanted(Environment environment) {
		return !hasNamedRegistrations(environment)
				|| StringUtils.hasText(environment.getProperty("aria.auth.client-id"))
				|| StringUtils.hasText(environment.getProperty("aria.auth.client-secret"));
	}

	static boolean hasNamedRegistrations(Environment environment) {
		return Binder.get(environment)
			.bind("aria.auth.registrations", Bindable.mapOf(String.class, Object.class))
			.map((registrations) -> !registrations.isEmpty())
			.orElse(false);
	}

}
