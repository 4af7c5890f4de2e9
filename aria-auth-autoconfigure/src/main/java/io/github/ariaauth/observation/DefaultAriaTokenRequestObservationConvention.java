package io.github.ariaauth.observation;

import java.net.URI;
import java.util.Set;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.observation.AriaTokenObservationDocumentation.HighCardinalityKeyNames;
import io.github.ariaauth.observation.AriaTokenObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * Names a token request {@value #NAME} with the keys {@code outcome}, {@code error.code},
 * {@code status} and {@code registration}, and the token endpoint as a high-cardinality
 * key.
 *
 * @since 0.1.0
 */
public class DefaultAriaTokenRequestObservationConvention implements AriaTokenRequestObservationConvention {

	/** The observation's name, and so the name of the timer Micrometer makes of it. */
	public static final String NAME = "aria.auth.token.requests";

	/** A shared instance. */
	public static final DefaultAriaTokenRequestObservationConvention INSTANCE = new DefaultAriaTokenRequestObservationConvention();

	// Server-supplied codes become values only if known, so a misbehaving server cannot
	// blow up cardinality.
	private static final Set<String> KNOWN_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
			"unauthorized_client", "unsupported_grant_type", "invalid_scope", "server_error", "temporarily_unavailable",
			AriaAuthException.INVALID_TOKEN_RESPONSE, AriaAuthException.CONNECTION_FAILED, AriaAuthException.TIMEOUT,
			AriaAuthException.INTERRUPTED, AriaAuthException.CLOSED, AriaAuthException.UNEXPECTED_ERROR);

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(AriaTokenRequestContext context) {
		return "aria-auth token request";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AriaTokenRequestContext context) {
		AriaAuthException failure = context.getFailure();
		String outcome = (failure != null) ? "failure" : "success";
		String error = "none";
		String status = "200";
		if (failure != null) {
			String code = failure.getErrorCode();
			error = (code == null) ? "none" : KNOWN_ERRORS.contains(code) ? code : "other";
			status = (failure.getHttpStatus() != null) ? failure.getHttpStatus().toString() : "none";
		}
		return KeyValues.of(LowCardinalityKeyNames.OUTCOME.withValue(outcome),
				LowCardinalityKeyNames.ERROR_CODE.withValue(error), LowCardinalityKeyNames.STATUS.withValue(status),
				LowCardinalityKeyNames.REGISTRATION.withValue(context.getRegistrationId()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(AriaTokenRequestContext context) {
		URI uri = context.getTokenUri();
		// Without user info or query, which could carry credentials.
		String endpoint = uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ ((uri.getRawPath() != null) ? uri.getRawPath() : "");
		return KeyValues.of(HighCardinalityKeyNames.TOKEN_URI.withValue(endpoint));
	}

}
