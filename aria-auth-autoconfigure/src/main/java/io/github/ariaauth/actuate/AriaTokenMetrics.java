package io.github.ariaauth.actuate;

import java.time.Duration;
import java.util.Set;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records token requests ({@value #REQUESTS}, tagged {@code outcome}, {@code error} and {@code status}) and
 * tokens dropped after the API rejected them ({@value #INVALIDATIONS}), and new tokens rejected too
 * ({@value #REJECTIONS}).
 */
public class AriaTokenMetrics implements AriaTokenListener {

	/** Timer of token requests. */
	public static final String REQUESTS = "aria.auth.token.requests";

	/** Counter of tokens dropped because the API answered 401. */
	public static final String INVALIDATIONS = "aria.auth.token.invalidations";

	/** Counter of new tokens the API rejected too, each pausing invalidation for a while. */
	public static final String REJECTIONS = "aria.auth.token.rejections";

	// Server-supplied codes become tag values only if known, so a misbehaving server cannot blow up cardinality.
	private static final Set<String> KNOWN_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
			"unauthorized_client", "unsupported_grant_type", "invalid_scope", "server_error",
			"temporarily_unavailable", "invalid_token_response", "connection_failed", "timeout", "interrupted",
			"closed", "unexpected_error");

	private final MeterRegistry registry;

	private final Counter invalidations;

	private final Counter rejections;

	/**
	 * Create a new instance.
	 * @param registry where to record
	 */
	public AriaTokenMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.invalidations = Counter.builder(INVALIDATIONS)
			.description("Aria tokens dropped because the API rejected them (401)")
			.register(registry);
		this.rejections = Counter.builder(REJECTIONS)
			.description("New Aria tokens the API rejected too (401), which pause dropping tokens for 401s")
			.register(registry);
	}

	@Override
	public void tokenFetched(AriaAccessToken token, Duration duration) {
		timer("success", "none", "200").record(duration);
	}

	@Override
	public void tokenFetchFailed(AriaAuthException failure, Duration duration) {
		String code = failure.getErrorCode();
		String error = (code == null) ? "none" : KNOWN_ERRORS.contains(code) ? code : "other";
		Integer status = failure.getHttpStatus();
		timer("failure", error, (status != null) ? status.toString() : "none").record(duration);
	}

	@Override
	public void tokenInvalidated(AriaAccessToken token) {
		this.invalidations.increment();
	}

	@Override
	public void newTokenRejected(AriaAccessToken token, Duration pause) {
		this.rejections.increment();
	}

	private Timer timer(String outcome, String error, String status) {
		return Timer.builder(REQUESTS)
			.description("Requests to the Aria token endpoint")
			.tag("outcome", outcome)
			.tag("error", error)
			.tag("status", status)
			.register(this.registry);
	}

}
