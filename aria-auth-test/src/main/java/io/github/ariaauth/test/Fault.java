package io.github.ariaauth.test;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/**
 * A failure that an {@link AriaStandIn} serves instead of, or on top of, its normal
 * answer.
 *
 * @since 0.1.0
 * @see AriaStandIn#failNext(Endpoint, int, Fault)
 */
public final class Fault {

	private final String description;

	private final Function<Supplier<MockResponse>, MockResponse> effect;

	private Fault(String description, Function<Supplier<MockResponse>, MockResponse> effect) {
		this.description = description;
		this.effect = effect;
	}

	/**
	 * Answer with the given status and an empty body instead of the normal answer.
	 * @param status the HTTP status code
	 * @return the fault
	 */
	public static Fault status(int status) {
		return status(status, "", Map.of());
	}

	/**
	 * Answer with the given status, body and headers instead of the normal answer.
	 * @param status the HTTP status code
	 * @param body the response body, sent as is
	 * @param headers the response headers
	 * @return the fault
	 */
	public static Fault status(int status, String body, Map<String, String> headers) {
		Objects.requireNonNull(body, "'body' must not be null");
		Map<String, String> copy = Map.copyOf(headers);
		return new Fault("status " + status, (normal) -> {
			MockResponse.Builder response = new MockResponse.Builder().code(status).body(body);
			copy.forEach(response::setHeader);
			return response.build();
		});
	}

	/**
	 * Answer {@code 503 Service Unavailable} with a {@code Retry-After} header in whole
	 * seconds.
	 * @param retryAfter the time the client is asked to wait
	 * @return the fault
	 */
	public static Fault serviceUnavailable(Duration retryAfter) {
		return status(503, "{\"error\":\"service_unavailable\"}",
				Map.of("Content-Type", "application/json", "Retry-After", String.valueOf(retryAfter.toSeconds())));
	}

	/**
	 * Answer {@code 401} with {@code WWW-Authenticate: Bearer error="invalid_token"},
	 * even when the request's token is valid, as Aria does for a token it has revoked.
	 * @return the fault
	 */
	public static Fault invalidToken() {
		return status(401, "{\"error\":\"invalid_token\"}", Map.of("Content-Type", "application/json",
				"WWW-Authenticate", BearerChallenge.invalidToken("The access token was revoked")));
	}

	/**
	 * Serve the normal answer, but only after the given delay before its headers.
	 * @param delay the delay before the response headers are sent
	 * @return the fault
	 */
	public static Fault delay(Duration delay) {
		long millis = delay.toMillis();
		return new Fault("delay " + delay,
				(normal) -> normal.get().newBuilder().headersDelay(millis, TimeUnit.MILLISECONDS).build());
	}

	/**
	 * Answer {@code 200 OK} with the given content type and body instead of the normal
	 * answer.
	 * @param contentType the value of the {@code Content-Type} header
	 * @param body the response body, sent as is
	 * @return the fault
	 */
	public static Fault malformedBody(String contentType, String body) {
		return status(200, body, Map.of("Content-Type", contentType));
	}

	/**
	 * Answer {@code 200 OK} with an HTML page, as a proxy or captive portal might.
	 * @return the fault
	 */
	public static Fault html() {
		return malformedBody("text/html", "<html><body><h1>Gateway maintenance</h1></body></html>");
	}

	/**
	 * Answer {@code 200 OK} with JSON that ends in the middle of a value.
	 * @return the fault
	 */
	public static Fault truncatedJson() {
		return malformedBody("application/json", "{\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.eyJzdWIi");
	}

	/**
	 * Close the connection after reading the request, without sending any response.
	 * @return the fault
	 */
	public static Fault dropConnection() {
		return new Fault("dropped connection",
				(normal) -> new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
	}

	MockResponse apply(Supplier<MockResponse> normal) {
		return this.effect.apply(normal);
	}

	@Override
	public String toString() {
		return "Fault[" + this.description + "]";
	}

}
