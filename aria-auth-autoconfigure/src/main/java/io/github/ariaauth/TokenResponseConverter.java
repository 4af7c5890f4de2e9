package io.github.ariaauth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Reads a token response with Spring Security's converter, adding the checks Aria needs.
 * <p>
 * Spring turns a missing or unreadable {@code expires_in} into a one-second token and
 * accepts any {@code token_type}; here a non-Bearer type is rejected and the raw lifetime
 * is kept aside (as {@link #EXPIRES_IN} in the additional parameters, {@code null} when
 * absent or unusable) so the token manager can fall back to the JWT's {@code exp}.
 */
final class TokenResponseConverter implements Converter<Map<String, Object>, OAuth2AccessTokenResponse> {

	static final String EXPIRES_IN = "aria_auth.expires_in";

	private final DefaultMapOAuth2AccessTokenResponseConverter delegate = new DefaultMapOAuth2AccessTokenResponseConverter();

	@Override
	public OAuth2AccessTokenResponse convert(Map<String, Object> source) {
		Object accessToken = source.get(OAuth2ParameterNames.ACCESS_TOKEN);
		if (!(accessToken instanceof String value) || value.isBlank()) {
			throw new InvalidTokenResponseException("the response has no access_token");
		}
		Object tokenType = source.get(OAuth2ParameterNames.TOKEN_TYPE);
		if (!(tokenType instanceof String type) || !type.equalsIgnoreCase("bearer")) {
			throw new InvalidTokenResponseException("token_type is " + describe(tokenType) + ", expected 'Bearer'");
		}
		Map<String, Object> parameters = new HashMap<>(source);
		Long expiresIn = expiresIn(parameters.remove(OAuth2ParameterNames.EXPIRES_IN));
		OAuth2AccessTokenResponse response = this.delegate.convert(parameters);
		Map<String, Object> additional = new HashMap<>(response.getAdditionalParameters());
		additional.put(EXPIRES_IN, expiresIn);
		return OAuth2AccessTokenResponse.withResponse(response).additionalParameters(additional).build();
	}

	private static @Nullable Long expiresIn(@Nullable Object value) {
		long seconds;
		if (value instanceof Number number) {
			seconds = number.longValue();
		}
		else if (value instanceof String text) {
			try {
				seconds = Long.parseLong(text.trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		else {
			return null;
		}
		return (seconds > 0) ? seconds : null;
	}

	private static String describe(@Nullable Object tokenType) {
		if (tokenType == null) {
			return "missing";
		}
		String text = tokenType.toString();
		// A misbehaving server could put anything here; quote only a short, plain word.
		return (text.length() <= 20 && text.chars().allMatch(Character::isLetterOrDigit))
				? "'" + text.toLowerCase(Locale.ROOT) + "'" : "not a plain word";
	}

	/**
	 * The token endpoint answered 2xx with something that is not a usable token response.
	 */
	static final class InvalidTokenResponseException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		InvalidTokenResponseException(String message) {
			super(message, null, false, false);
		}

	}

}
