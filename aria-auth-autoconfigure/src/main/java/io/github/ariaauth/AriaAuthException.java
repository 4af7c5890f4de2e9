package io.github.ariaauth;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * A token could not be obtained from Aria.
 * <p>
 * Carries what is needed to act on it: the endpoint, the HTTP status and the OAuth 2.0
 * error, and a hint. Neither the message nor the fields ever contain the client secret or
 * a token.
 * <p>
 * Reaching a web handler, it answers the application's own client as Spring's
 * {@link ErrorResponse}: {@code 503 Service Unavailable}, with {@code Retry-After} when
 * the token endpoint sent one, and a problem detail that says nothing about the endpoint,
 * the hint or the registration.
 *
 * @since 0.1.0
 */
public class AriaAuthException extends RuntimeException implements ErrorResponse {

	/**
	 * Code of a token response aria-auth cannot use (not JSON, no access token, not a
	 * bearer token).
	 */
	public static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	/**
	 * Code of a token request that got no HTTP answer (refused, reset, unknown host, TLS
	 * failure).
	 */
	public static final String CONNECTION_FAILED = "connection_failed";

	/** Code of a token request, or a wait for one, that took longer than its limit. */
	public static final String TIMEOUT = "timeout";

	/** Code of a caller interrupted while waiting for a token. */
	public static final String INTERRUPTED = "interrupted";

	/** Code of a request for a token after the token manager was closed. */
	public static final String CLOSED = "closed";

	/**
	 * Code of a token request that the executor running token requests refused (a bounded
	 * executor that is full); the next attempt follows the usual backoff.
	 */
	public static final String REJECTED = "rejected";

	/**
	 * Code of a wait for a token cut short because test support reset the token state
	 * between tests; asking again fetches a new token.
	 */
	public static final String RESET = "reset";

	/** Code of a failure that aria-auth did not expect (likely a bug). */
	public static final String UNEXPECTED_ERROR = "unexpected_error";

	private static final long serialVersionUID = 1L;

	private static final String PUBLIC_DETAIL = "A service this application depends on is unavailable; try again later.";

	private final URI endpoint;

	private final @Nullable Integer httpStatus;

	private final @Nullable String errorCode;

	private final @Nullable String errorDescription;

	private final String hint;

	private final transient @Nullable Duration retryAfter;

	/**
	 * Create a new instance.
	 * @param endpoint the token endpoint that was called
	 * @param httpStatus the HTTP status, or {@code null} when there was no HTTP answer
	 * @param errorCode the OAuth 2.0 error code, or a code of aria-auth's own (such as
	 * {@code invalid_token_response}, {@code connection_failed})
	 * @param errorDescription what the server or aria-auth said about the error
	 * @param hint what the user can do about it
	 * @param retryAfter the server's {@code Retry-After}, if it sent one
	 * @param cause the underlying failure, if it is safe to keep
	 */
	public AriaAuthException(URI endpoint, @Nullable Integer httpStatus, @Nullable String errorCode,
			@Nullable String errorDescription, String hint, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message(endpoint, httpStatus, errorCode, errorDescription, hint), cause);
		this.endpoint = endpoint;
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
		this.errorDescription = errorDescription;
		this.hint = hint;
		this.retryAfter = retryAfter;
	}

	private static String message(URI endpoint, @Nullable Integer httpStatus, @Nullable String errorCode,
			@Nullable String errorDescription, String hint) {
		StringBuilder message = new StringBuilder("Aria token request to ").append(endpoint).append(" failed");
		if (httpStatus != null) {
			message.append(": HTTP ").append(httpStatus);
		}
		if (errorCode != null) {
			message.append((httpStatus != null) ? ", " : ": ").append("error '").append(errorCode).append("'");
		}
		if (errorDescription != null && !errorDescription.isBlank()) {
			message.append(" (").append(errorDescription).append(")");
		}
		return message.append(". ").append(hint).toString();
	}

	/**
	 * Return an exception of the caller's own with the same details and this one as its
	 * cause: a failure is shared by everyone who waited for the same attempt, and stack
	 * traces or Reactor checkpoints added per caller must not pile up on the shared
	 * instance.
	 */
	AriaAuthException forCaller() {
		return new AriaAuthException(this.endpoint, this.httpStatus, this.errorCode, this.errorDescription, this.hint,
				this.retryAfter, this);
	}

	/**
	 * Return the token endpoint that was called.
	 * @return the endpoint
	 */
	public URI getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Return the HTTP status of the token endpoint's answer.
	 * @return the status, or {@code null} if there was no HTTP answer
	 */
	public @Nullable Integer getHttpStatus() {
		return this.httpStatus;
	}

	/**
	 * Return the OAuth 2.0 error code (RFC 6749 section 5.2) or aria-auth's own code.
	 * @return the code, or {@code null}
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return the error description.
	 * @return the description, or {@code null}
	 */
	public @Nullable String getErrorDescription() {
		return this.errorDescription;
	}

	/**
	 * Return what the user can do about the failure.
	 * @return the hint
	 */
	public String getHint() {
		return this.hint;
	}

	/**
	 * Return how long the server asked clients to wait before trying again.
	 * @return the delay, or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Return the status the application answers its own client with when this exception
	 * reaches a web handler: always {@code 503 Service Unavailable}. The token endpoint's
	 * status is {@link #getHttpStatus()}.
	 * @return {@code 503}
	 */
	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatus.SERVICE_UNAVAILABLE;
	}

	/**
	 * Return the headers of the answer to the application's own client:
	 * {@code Retry-After} in whole seconds (rounded up) when the token endpoint sent one.
	 * @return the headers
	 */
	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		if (this.retryAfter != null && !this.retryAfter.isNegative()) {
			long seconds = this.retryAfter.getSeconds() + ((this.retryAfter.getNano() > 0) ? 1 : 0);
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		}
		return headers;
	}

	/**
	 * Return the problem detail for the application's own client: a generic detail, for
	 * the endpoint, the error and the hint are for the application's operators.
	 * @return a new problem detail
	 */
	@Override
	public ProblemDetail getBody() {
		return ProblemDetail.forStatusAndDetail(getStatusCode(), PUBLIC_DETAIL);
	}

}
