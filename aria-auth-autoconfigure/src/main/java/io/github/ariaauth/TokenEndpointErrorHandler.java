package io.github.ariaauth;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Turns an error answer of the token endpoint into an {@link AriaAuthException}.
 * <p>
 * Spring Security's own handler parses RFC 6749 error bodies only for HTTP 400 and
 * reports a 401 {@code invalid_client} as an opaque client error quoting the body; this
 * one parses the body (with Spring Security's converter) for every status and keeps the
 * status and {@code Retry-After}.
 */
final class TokenEndpointErrorHandler implements ResponseErrorHandler {

	private static final int MAX_DESCRIPTION_LENGTH = 200;

	private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.\\-]+");

	private final OAuth2ErrorHttpMessageConverter errorConverter = TokenMessageConverters.forErrors();

	private final URI endpoint;

	private final Clock clock;

	private final TokenEndpointHints hints;

	TokenEndpointErrorHandler(URI endpoint, Clock clock, TokenEndpointHints hints) {
		this.endpoint = endpoint;
		this.clock = clock;
		this.hints = hints;
	}

	@Override
	public boolean hasError(ClientHttpResponse response) throws IOException {
		return response.getStatusCode().isError();
	}

	@Override
	public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		OAuth2Error error = readError(response);
		String code = (error != null) ? error.getErrorCode() : null;
		String description = (error != null) ? shorten(error.getDescription()) : null;
		if (code != null && !ERROR_CODE.matcher(code).matches()) {
			// Keycloak answers a wrong path with prose in "error" ("Realm does not
			// exist"): a description, not a code.
			description = shorten(code);
			code = null;
		}
		Duration retryAfter = retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
		throw new AriaAuthException(this.endpoint, status, code, description, this.hints.forError(status, code),
				retryAfter, null);
	}

	private @Nullable OAuth2Error readError(ClientHttpResponse response) {
		try {
			return this.errorConverter.read(OAuth2Error.class, response);
		}
		catch (RuntimeException | IOException ex) {
			return null;
		}
	}

	private static @Nullable String shorten(@Nullable String description) {
		if (description == null || description.length() <= MAX_DESCRIPTION_LENGTH) {
			return description;
		}
		return description.substring(0, MAX_DESCRIPTION_LENGTH) + "...";
	}

	private @Nullable Duration retryAfter(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			long seconds = Long.parseLong(header.trim());
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime date = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration delay = Duration.between(this.clock.instant(), date.toInstant());
				return delay.isNegative() ? Duration.ZERO : delay;
			}
			catch (DateTimeParseException ignored) {
				return null;
			}
		}
	}

}
