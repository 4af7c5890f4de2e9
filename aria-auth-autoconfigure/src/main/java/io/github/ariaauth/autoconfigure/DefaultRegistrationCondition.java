package io.github.ariaauth.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.ariaauth.AriaRegistrationProperties;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the default registration ({@code aria.auth.*}) is wanted. Without named
 * registrations, it is wanted as soon as any of its keys ({@code region},
 * {@code client-id}, ...) is set, even to a placeholder that resolves to nothing, so that
 * a missing variable still stops startup naming it; with none of them set there is no
 * registration at startup, and the application adds its registrations at run time. With
 * named registrations it is wanted only when a top-level client id, secret or secret file
 * has a value. A {@code ${...}} placeholder that resolves to nothing (README's
 * {@code client-id: ${ARIA_AUTH_CLIENT_ID}} with the variable unset) is no value: with
 * named registrations the default one is optional.
 */
class DefaultRegistrationCondition extends SpringBootCondition {

	private static final String CLIENT_ID = "aria.auth.client-id";

	private static final String CLIENT_SECRET = "aria.auth.client-secret";

	private static final String CLIENT_SECRET_FILE = "aria.auth.client-secret-file";

	private static final String REGION = "aria.auth.region";

	// The keys of the default registration itself: aria.auth.token.*, enabled and
	// startup-check are settings of aria-auth, which registrations added at run time
	// inherit or use too.
	private static final List<ConfigurationPropertyName> KEYS = keys();

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{.*}");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		return wanted(environment)
				? ConditionOutcome.match("a key of the default registration set without named registrations, or "
						+ "aria.auth.client-id, client-secret or client-secret-file set")
				: ConditionOutcome.noMatch(whyNone(environment));
	}

	static boolean wanted(Environment environment) {
		if (AriaRegistrationNames.of(environment).isEmpty()) {
			return anyKeySet(environment);
		}
		return hasValue(environment, CLIENT_ID) || hasValue(environment, CLIENT_SECRET)
				|| hasValue(environment, CLIENT_SECRET_FILE);
	}

	/**
	 * Why there is no default registration, for the condition report and the startup log:
	 * what is set and what to set to have one.
	 */
	static String whyNone(Environment environment) {
		Set<String> names = AriaRegistrationNames.of(environment);
		if (names.isEmpty()) {
			return "no registration configured (no key of the default registration such as " + CLIENT_ID
					+ ", and nothing under aria.auth.registrations): no default registration 'aria', and "
					+ "AriaRegistrations has none until the application adds one with AriaRegistrations#add; "
					+ "to have the default registration, set " + REGION + ", " + CLIENT_ID + " and " + CLIENT_SECRET
					+ " (or the environment variables " + EnvironmentVariables.canonical(REGION) + ", "
					+ EnvironmentVariables.canonical(CLIENT_ID) + " and "
					+ EnvironmentVariables.canonical(CLIENT_SECRET) + ")";
		}
		return "only named registrations " + names + ": no default registration 'aria', because "
				+ describe(environment, CLIENT_ID) + " and " + describe(environment, CLIENT_SECRET)
				+ "; to add it, set the environment variables " + EnvironmentVariables.canonical(CLIENT_ID) + " and "
				+ EnvironmentVariables.canonical(CLIENT_SECRET) + " (or the properties " + CLIENT_ID + " and "
				+ CLIENT_SECRET + ", or " + CLIENT_SECRET_FILE + " for a secret in a file)";
	}

	// Set at all, in any property source (an environment variable too), whatever its
	// value: a blank or unresolvable one is then reported by the registration's checks.
	private static boolean anyKeySet(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			for (ConfigurationPropertyName key : KEYS) {
				if (source.getConfigurationProperty(key) != null
						|| source.containsDescendantOf(key) == ConfigurationPropertyState.PRESENT) {
					return true;
				}
			}
		}
		return false;
	}

	private static List<ConfigurationPropertyName> keys() {
		List<ConfigurationPropertyName> keys = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(AriaRegistrationProperties.class)) {
			if (descriptor.getWriteMethod() != null) {
				keys.add(ConfigurationPropertyName
					.of(AriaAuthPropertiesResolver.PREFIX + DataObjectPropertyName.toDashedForm(descriptor.getName())));
			}
		}
		return List.copyOf(keys);
	}

	private static boolean hasValue(Environment environment, String property) {
		String value = raw(environment, property);
		return StringUtils.hasText(value) && !PLACEHOLDER.matcher(value.trim()).matches();
	}

	private static String describe(Environment environment, String property) {
		String value = raw(environment, property);
		if (value == null) {
			return property + " is not set";
		}
		// Only a placeholder is shown: it is configuration text, not a secret.
		return StringUtils.hasText(value) ? property + " is " + value.trim() + ", which resolves to nothing"
				: property + " is blank";
	}

	// Through the binder, which leaves a placeholder it cannot resolve as text where
	// Environment.getProperty throws.
	private static @Nullable String raw(Environment environment, String property) {
		return Binder.get(environment).bind(property, String.class).orElse(null);
	}

}
