package io.github.ariaauth.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
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

	private static final ConfigurationPropertyName REGISTRATIONS = ConfigurationPropertyName
		.of("aria.auth.registrations");

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

	// Asked once per conditional bean: whether any property lies under the prefix,
	// without binding the whole
	// tree of registrations (which, with hundreds of them, took a third of the context's
	// startup).
	static boolean hasNamedRegistrations(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.containsDescendantOf(REGISTRATIONS) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

}
