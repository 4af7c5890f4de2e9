package io.github.ariaauth;

import java.util.List;

import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;

/**
 * The message converters of every token request, built once per class loader and shared
 * by all token cores: a token request writes a form and reads a token response or an
 * error, nothing else. Each JSON converter holds a Jackson mapper, which a thousand
 * registrations would otherwise build (and keep) a thousand times each; once configured,
 * the converters and mappers are safe to share between threads.
 */
final class TokenMessageConverters {

	private TokenMessageConverters() {
	}

	/**
	 * The converters of the token {@code RestClient}: the form, then the token response.
	 */
	static List<HttpMessageConverter<?>> forRequests() {
		return Shared.REQUESTS;
	}

	/**
	 * The converter of RFC 6749 error bodies.
	 */
	static OAuth2ErrorHttpMessageConverter forErrors() {
		return Shared.ERRORS;
	}

	// Built on first use, not when the class is loaded.
	private static final class Shared {

		static final List<HttpMessageConverter<?>> REQUESTS = List.of(new FormHttpMessageConverter(),
				tokenResponseConverter());

		static final OAuth2ErrorHttpMessageConverter ERRORS = new OAuth2ErrorHttpMessageConverter();

		private static OAuth2AccessTokenResponseHttpMessageConverter tokenResponseConverter() {
			OAuth2AccessTokenResponseHttpMessageConverter converter = new OAuth2AccessTokenResponseHttpMessageConverter();
			converter.setAccessTokenResponseConverter(new TokenResponseConverter());
			return converter;
		}

	}

}
