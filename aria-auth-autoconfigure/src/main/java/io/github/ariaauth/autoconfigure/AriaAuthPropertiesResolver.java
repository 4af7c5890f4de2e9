package io.github.ariaauth.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaHosts;
import io.github.ariaauth.AriaRegion;
import io.github.ariaauth.AriaTokenManager;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.StringUtils;

/**
 * Checks {@link AriaAuthProperties} and turns them into endpoints and a Spring Security registration,
 * failing with an {@link AriaAuthConfigurationException} that names the property.
 */
final class AriaAuthPropertiesResolver {

	private static final String PREFIX = "aria.auth.";

	private static final String URL_RULE = "an absolute https URL (plain http only for localhost, 127.0.0.0/8 "
			+ "or [::1])";

	private AriaAuthPropertiesResolver() {
	}

	static AriaEndpoints endpoints(AriaAuthProperties properties) {
		URI tokenUri = url("token-uri", properties.getTokenUri());
		URI apiBaseUrl = url("api-base-url", properties.getApiBaseUrl());
		if (tokenUri != null && apiBaseUrl != null) {
			return new AriaEndpoints(tokenUri, apiBaseUrl);
		}
		AriaRegion region = properties.getRegion();
		if (region == null) {
			throw new AriaAuthConfigurationException(PREFIX + "region", "(not set)",
					"one of " + choices(AriaRegion.values()) + " (or set both aria.auth.token-uri and "
							+ "aria.auth.api-base-url)");
		}
		AriaEndpoints published = AriaEndpoints.of(region, properties.getStage());
		return new AriaEndpoints((tokenUri != null) ? tokenUri : published.tokenUri(),
				(apiBaseUrl != null) ? apiBaseUrl : published.apiBaseUrl());
	}

	static ClientRegistration clientRegistration(AriaAuthProperties properties, AriaEndpoints endpoints) {
		String clientId = properties.getClientId();
		if (!StringUtils.hasText(clientId)) {
			throw new AriaAuthConfigurationException(PREFIX + "client-id", describeMissing(clientId),
					"the Billie service account ID");
		}
		String clientSecret = properties.getClientSecret();
		if (!StringUtils.hasText(clientSecret)) {
			throw new AriaAuthConfigurationException(PREFIX + "client-secret", describeMissing(clientSecret),
					"the Billie service account key (shown once when the key is generated in Aria)");
		}
		return ClientRegistration.withRegistrationId(AriaTokenManager.REGISTRATION_ID)
			.clientId(clientId.trim())
			.clientSecret(clientSecret.trim())
			.clientAuthenticationMethod(authenticationMethod(properties.getClientAuthenticationMethod()))
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(properties.getScope())
			.tokenUri(endpoints.tokenUri().toString())
			.build();
	}

	static void checkTimings(AriaAuthProperties.Token token) {
		positive("token.connect-timeout", token.getConnectTimeout());
		positive("token.read-timeout", token.getReadTimeout());
		positive("token.acquire-timeout", token.getAcquireTimeout());
		positive("token.refresh-window", token.getRefreshWindow());
		positive("token.default-lifetime", token.getDefaultLifetime());
		positive("token.initial-backoff", token.getInitialBackoff());
		positive("token.max-backoff", token.getMaxBackoff());
		positive("token.max-backoff-without-token", token.getMaxBackoffWithoutToken());
		if (token.getExpiryMargin() == null || token.getExpiryMargin().isNegative()) {
			throw new AriaAuthConfigurationException(PREFIX + "token.expiry-margin",
					String.valueOf(token.getExpiryMargin()), "a duration of zero or more, such as 30s");
		}
		if (token.getMaxBackoff().compareTo(token.getInitialBackoff()) < 0) {
			throw new AriaAuthConfigurationException(PREFIX + "token.max-backoff", token.getMaxBackoff().toString(),
					"a duration no shorter than aria.auth.token.initial-backoff (" + token.getInitialBackoff() + ")");
		}
	}

	private static void positive(String name, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new AriaAuthConfigurationException(PREFIX + name, String.valueOf(value),
					"a positive duration, such as 10s");
		}
	}

	private static @Nullable URI url(String name, @Nullable String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(value.trim());
		}
		catch (URISyntaxException ex) {
			throw new AriaAuthConfigurationException(PREFIX + name, "'" + value + "'", URL_RULE);
		}
		if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
				|| !AriaHosts.isSecureOrLoopback(uri)) {
			throw new AriaAuthConfigurationException(PREFIX + name, "'" + withoutUserInfo(uri) + "'", URL_RULE);
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

	private static String describeMissing(@Nullable String value) {
		return (value == null) ? "(not set)" : "(blank)";
	}

	private static String choices(Enum<?>[] values) {
		return Arrays.stream(values)
			.map((value) -> value.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", "));
	}

	private static ClientAuthenticationMethod authenticationMethod(
			AriaAuthProperties.ClientAuthenticationMethod method) {
		return switch (method) {
			case CLIENT_SECRET_POST -> ClientAuthenticationMethod.CLIENT_SECRET_POST;
			case CLIENT_SECRET_BASIC -> ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
		};
	}


}
