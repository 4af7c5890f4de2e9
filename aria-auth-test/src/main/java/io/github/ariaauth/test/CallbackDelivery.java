package io.github.ariaauth.test;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of one callback that an {@link AriaStandIn} posted for a Converse API v3
 * request.
 *
 * @since 0.1.0
 * @param taskId the task id the stand-in answered the request with
 * @param callbackUrl where the answer was posted
 * @param statusCode the status the callback receiver answered, or {@code -1} when no
 * answer was received
 * @param failure why the delivery failed, or {@code null} when the receiver answered
 * {@code 2xx}
 */
public record CallbackDelivery(String taskId, URI callbackUrl, int statusCode, @Nullable String failure) {

	/**
	 * Whether the receiver answered the callback with a {@code 2xx} status.
	 * @return whether the delivery succeeded
	 */
	public boolean succeeded() {
		return this.failure == null;
	}

}
