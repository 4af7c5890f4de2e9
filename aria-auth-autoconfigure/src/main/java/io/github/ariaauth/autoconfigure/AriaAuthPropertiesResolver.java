package io.github.ariaauth.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.ariaauth.AriaClientCredentialsProvider;
import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaHosts;
import io.github.ariaauth.AriaRegion;
import io.github.ariaauth.AriaRegistrationProperties;
import io.github.ariaauth.AriaTokenTimings;
import io.github.ariaauth.AriaTokenManager;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Checks {@link AriaAuthProperties} and turns them into endpoints and a Spring Security
 * registration, failing with an {@link AriaAuthConfigurationException} that names the
 * property.
 */
final class AriaAuthPropertiesResolver {

	static final String PREFIX = "aria.auth.";

	private static final Pattern REGISTRATION_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

	private static final String URL_RULE = "an absolute https URL (plain http only for localhost, 127.0.0.0/8 "
			+ "or [::1])";

	private AriaAuthPropertiesResolver() {
	}

	static AriaEndpoints endpoints(AriaAuthProperties properties) {
		return endpoints(properties, PREFIX);
	}

	/**
	 * The endpoints of a registration whose properties are under {@code prefix} (ending
	 * with a dot).
	 */
	static AriaEndpoints endpoints(AriaRegistrationProperties properties, String prefix) {
		URI tokenUri = url(prefix + "token-uri", properties.getTokenUri());
		URI apiBaseUrl = url(prefix + "api-base-url", properties.getApiBaseUrl());
		if (tokenUri != null && apiBaseUrl != null) {
			return new AriaEndpoints(tokenUri, apiBaseUrl);
		}
		AriaRegion region = properties.getRegion();
		if (region == null) {
			throw new AriaAuthConfigurationException(prefix + "region", "(not set)",
					"one of " + choices(AriaRegion.values()) + " (or set both " + prefix + "token-uri and " + prefix
							+ "api-base-url)");
		}
		AriaEndpoints published = AriaEndpoints.of(region, properties.getStage());
		return new AriaEndpoints((tokenUri != null) ? tokenUri : published.tokenUri(),
				(apiBaseUrl != null) ? apiBaseUrl : published.apiBaseUrl());
	}

	/**
	 * The endpoints in use, for the startup line: region and stage only when at least one
	 * URL comes from them.
	 */
	static String describeEndpoints(AriaRegistrationProperties properties, AriaEndpoints endpoints) {
		boolean bothUrlsSet = StringUtils.hasText(properties.getTokenUri())
				&& StringUtils.hasText(properties.getApiBaseUrl());
		AriaRegion region = properties.getRegion();
		String location = (region != null && !bothUrlsSet) ? "region " + region.name().toLowerCase(Locale.ROOT)
				+ ", stage " + properties.getStage().name().toLowerCase(Locale.ROOT) + ", " : "";
		return location + "token endpoint " + endpoints.tokenUri() + ", API " + endpoints.apiBaseUrl();
	}

	static ClientRegistration clientRegistration(AriaAuthProperties properties, AriaEndpoints endpoints) {
		return credentials(properties, endpoints, Clock.systemUTC()).registration();
	}

	static ConfiguredCredentials credentials(AriaAuthProperties properties, AriaEndpoints endpoints, Clock clock) {
		return credentials(() -> properties, endpoints, AriaTokenManager.REGISTRATION_ID, PREFIX, clock);
	}

	/**
	 * The Spring Security registration {@code registrationId} of a registration whose
	 * properties are under {@code prefix} (ending with a dot), with the source of its
	 * secret from then on: its file, or its property as the binder updates it (a Spring
	 * Cloud refresh rebinds the same properties object).
	 * @param live the registration's properties, looked up again at each token request
	 */
	static ConfiguredCredentials credentials(Supplier<@Nullable AriaRegistrationProperties> live,
			AriaEndpoints endpoints, String registrationId, String prefix, Clock clock) {
		AriaRegistrationProperties properties = live.get();
		Assert.state(properties != null, "registration properties bound");
		String clientId = properties.getClientId();
		String clientSecret = properties.getClientSecret();
		String file = properties.getClientSecretFile();
		Credential id = new Credential(prefix + "client-id", "ID", EnvironmentVariables.canonical(prefix + "client-id"),
				clientId);
		Credential secret = new Credential(prefix + "client-secret", "key",
				EnvironmentVariables.canonical(prefix + "client-secret"), clientSecret);
		AriaClientCredentialsProvider source;
		if (StringUtils.hasText(file)) {
			if (StringUtils.hasText(clientSecret)) {
				throw new AriaAuthConfigurationException(prefix + "client-secret and " + prefix + "client-secret-file",
						"(both set)", "exactly one of them: client-secret-file for a secret in a file that may "
								+ "change (a Kubernetes secret volume), client-secret otherwise");
			}
			checkCredentials(id);
			ClientSecretFile secretFile = ClientSecretFile.open(prefix + "client-secret-file", file, clock);
			clientSecret = secretFile.current().getClientSecret();
			source = secretFile;
		}
		else {
			checkCredentials(id, secret);
			source = ConfiguredCredentials.property(() -> {
				AriaRegistrationProperties now = live.get();
				String value = (now != null) ? now.getClientSecret() : null;
				return (value != null && !new Credential("", "", "", value).unusable()) ? value : null;
			});
		}
		Assert.state(clientId != null && clientSecret != null, "credentials checked");
		ClientRegistration registration = ClientRegistration.withRegistrationId(registrationId)
			.clientId(clientId.trim())
			.clientSecret(clientSecret.trim())
			.clientAuthenticationMethod(authenticationMethod(properties.getClientAuthenticationMethod()))
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(properties.getScope())
			.tokenUri(endpoints.tokenUri().toString())
			.build();
		return new ConfiguredCredentials(registration, source);
	}

	static void checkTimings(AriaAuthProperties.Token token) {
		checkTimings(token, PREFIX);
	}

	/**
	 * Fails unless the token settings of the registration whose properties are under
	 * {@code prefix} (ending with a dot) follow the rules, naming the setting under that
	 * prefix.
	 */
	static void checkTimings(AriaAuthProperties.Token token, String prefix) {
		String settings = prefix + "token.";
		positive(settings + "connect-timeout", token.getConnectTimeout());
		// The token core's rules, shared with its builder.
		try {
			new AriaTokenTimings(token.getReadTimeout(), token.getAcquireTimeout(), token.getRefreshWindow(),
					token.getExpiryMargin(), token.getDefaultLifetime(), token.getInitialBackoff(),
					token.getMaxBackoff(), token.getMaxBackoffWithoutToken());
		}
		catch (AriaTokenTimings.InvalidTimingException ex) {
			throw new AriaAuthConfigurationException(settings + ex.getSetting(), String.valueOf(ex.getValue()),
					ex.getValid(settings));
		}
	}

	private static void positive(String property, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new AriaAuthConfigurationException(property, String.valueOf(value),
					"a positive duration, such as 10s");
		}
	}

	/**
	 * Fails unless {@code name} can name a registration: it becomes part of bean names
	 * and of the HTTP service group {@code aria-<name>}.
	 */
	static void checkRegistrationName(String name) {
		if (!REGISTRATION_NAME.matcher(name).matches() || name.equals(AriaTokenManager.REGISTRATION_ID)) {
			throw new AriaAuthConfigurationException(PREFIX + "registrations." + name, "'" + name + "'",
					"a name of lower-case letters, digits and '-' (not starting or ending with '-'), other than '"
							+ AriaTokenManager.REGISTRATION_ID + "', which names the top-level registration");
		}
	}

	private static @Nullable URI url(String property, @Nullable String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(value.trim());
		}
		catch (URISyntaxException ex) {
			throw new AriaAuthConfigurationException(property, "'" + value + "'", URL_RULE);
		}
		if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
				|| !AriaHosts.isSecureOrLoopback(uri)) {
			throw new AriaAuthConfigurationException(property, "'" + withoutUserInfo(uri) + "'", URL_RULE);
		}
		return uri;
	}

	private static String withoutUserInfo(URI uri) {
		if (uri.getRawUserInfo() == null) {
			return uri.toString();
		}
		// Credentials in a URL are secrets too.
		return uri.toString().replace(uri.getRawUserInfo() + "@", "******@");
	}

	/**
	 * Fails when a credential is missing, blank or still a {@code ${...}} placeholder
	 * (Boot's binder leaves a placeholder it cannot resolve as text), naming every
	 * unusable one at once so that one restart is enough.
	 */
	private static void checkCredentials(Credential... credentials) {
		List<Credential> unusable = Arrays.stream(credentials).filter(Credential::unusable).toList();
		if (unusable.isEmpty()) {
			return;
		}
		String properties = join(unusable, Credential::property);
		String values = join(unusable, Credential::describe);
		String what = (unusable.size() == 1) ? "the Billie service account " + unusable.get(0).part()
				: "the Billie service account ID and key";
		String variables = join(unusable, Credential::environmentVariable);
		String variableWord = (unusable.size() == 1) ? "variable " : "variables ";
		String source = unusable.stream().allMatch((credential) -> credential.placeholder() != null)
				? " by setting the environment " + variableWord + variables
				: ", for example from the environment " + variableWord + variables + " with "
						+ join(unusable, Credential::yaml) + " in application.yml";
		throw new AriaAuthConfigurationException(properties, values, what + source);
	}

	private static String join(List<Credential> credentials, Function<Credential, String> part) {
		return credentials.stream().map(part).collect(Collectors.joining(" and "));
	}

	private static String choices(Enum<?>[] values) {
		return Arrays.stream(values)
			.map((value) -> value.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", "));
	}

	private static ClientAuthenticationMethod authenticationMethod(
			AriaRegistrationProperties.ClientAuthenticationMethod method) {
		return switch (method) {
			case CLIENT_SECRET_POST -> ClientAuthenticationMethod.CLIENT_SECRET_POST;
			case CLIENT_SECRET_BASIC -> ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
		};
	}

	/**
	 * A client credential property, its value (never shown unless it is a placeholder)
	 * and the environment variable it conventionally comes from.
	 */
	private record Credential(String property, String part, String conventionalVariable, @Nullable String value) {

		private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(:.*)?}");

		boolean unusable() {
			return !StringUtils.hasText(this.value) || placeholder() != null;
		}

		/**
		 * The placeholder name when the whole value is a {@code ${NAME}} placeholder:
		 * only then is it shown, because a placeholder is configuration text, not a
		 * secret.
		 */
		@Nullable String placeholder() {
			if (this.value == null) {
				return null;
			}
			Matcher matcher = PLACEHOLDER.matcher(this.value.trim());
			return matcher.matches() ? matcher.group(1) : null;
		}

		String describe() {
			if (this.value == null) {
				return "(not set)";
			}
			return (placeholder() != null) ? this.value.trim() + " (unresolved placeholder)" : "(blank)";
		}

		/**
		 * The variable to set: the placeholder's name in environment form ({@code my.key}
		 * resolves from {@code MY_KEY}), or the conventional one.
		 */
		String environmentVariable() {
			String placeholder = placeholder();
			return (placeholder != null) ? EnvironmentVariables.underscored(placeholder) : this.conventionalVariable;
		}

		String yaml() {
			return this.property.substring(this.property.lastIndexOf('.') + 1) + ": ${" + this.conventionalVariable
					+ "}";
		}

	}

}
