package io.github.ariaauth.autoconfigure;

import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the default registration ({@code aria.auth.*}) is wanted: always without
 * named registrations (its credentials are then required), and with them only when a
 * top-level client id, secret or secret file has a value. A {@code ${...}} placeholder
 * that resolves to nothing (README's {@code client-id: ${ARIA_AUTH_CLIENT_ID}} with the
 * variable unset) is no value: with named registrations the default one is optional.
 */
class DefaultRegistrationCondition extends SpringBootCondition {

	private static final String CLIENT_ID = "aria.auth.client-id";

	private static final String CLIENT_SECRET = "aria.auth.client-secret";

	private static final String CLIENT_SECRET_FILE = "aria.auth.client-secret-file";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{.*}");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		return wanted(environment)
				? ConditionOutcome
					.match("no named registrations, or aria.auth.client-id, client-secret or client-secret-file set")
				: ConditionOutcome.noMatch(whyNone(environment));
	}

	static boolean wanted(Environment environment) {
		return AriaRegistrationNames.of(environment).isEmpty() || hasValue(environment, CLIENT_ID)
				|| hasValue(environment, CLIENT_SECRET) || hasValue(environment, CLIENT_SECRET_FILE);
	}

	/**
	 * Why there is no default registration, for the condition report and the startup log:
	 * what is set and what to set to have one.
	 */
	static String whyNone(Environment environment) {
		Set<String> names = AriaRegistrationNames.of(environment);
		return "only named registrations " + names + ": no default registration 'aria', because "
				+ describe(environment, CLIENT_ID) + " and " + describe(environment, CLIENT_SECRET)
				+ "; to add it, set the environment variables " + EnvironmentVariables.canonical(CLIENT_ID) + " and "
				+ EnvironmentVariables.canonical(CLIENT_SECRET) + " (or the properties " + CLIENT_ID + " and "
				+ CLIENT_SECRET + ", or " + CLIENT_SECRET_FILE + " for a secret in a file)";
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
