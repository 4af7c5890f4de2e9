package io.github.ariaauth.keycloak;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * A loopback hop in front of Keycloak's token endpoint for the rotation test: it can run
 * an action (the key's rotation) just before it passes on a chosen token request, so that
 * the key dies exactly when aria-auth asks with it, and it records each token request:
 * when it came, which key it carried (as a label the test maps the key to, never the key)
 * and what Keycloak answered, which comes back unchanged.
 */
final class RotationHop extends TokenEndpointHop {

	private final Function<String, String> keyLabel;

	private final ConcurrentLinkedQueue<TokenRequest> requests = new ConcurrentLinkedQueue<>();

	private final AtomicInteger count = new AtomicInteger();

	private volatile int rotateBefore;

	private volatile @Nullable Runnable rotation;

	/**
	 * @param keycloak the Keycloak whose token endpoint this hop fronts
	 * @param keyLabel what to record for the client secret a request carried
	 */
	RotationHop(KeycloakServer keycloak, Function<String, String> keyLabel) {
		super(keycloak);
		this.keyLabel = keyLabel;
	}

	/**
	 * Run {@code rotation} once, before the {@code request}-th token request (counted
	 * from 1) goes on to Keycloak.
	 */
	void rotateBefore(int request, Runnable rotation) {
		this.rotateBefore = request;
		this.rotation = rotation;
	}

	List<TokenRequest> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	MockResponse answer(RecordedRequest request) throws InterruptedException {
		Instant arrivedAt = Instant.now();
		Runnable due = this.rotation;
		if (this.count.incrementAndGet() == this.rotateBefore && due != null) {
			due.run();
		}
		ByteString body = request.getBody();
		String key = this.keyLabel
			.apply(clientSecret(request.getHeaders().get("Authorization"), (body != null) ? body.utf8() : ""));
		MockResponse answer = forward(request);
		this.requests.add(new TokenRequest(arrivedAt, Instant.now(), key, answer.getCode()));
		return answer;
	}

	/**
	 * The client secret of client_secret_basic (URL-encoded inside the Basic credentials,
	 * RFC 6749 2.3.1) or of client_secret_post; empty when there is none.
	 */
	private static String clientSecret(@Nullable String authorization, String form) {
		if (authorization != null && authorization.startsWith("Basic ")) {
			String credentials = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
					StandardCharsets.UTF_8);
			return URLDecoder.decode(credentials.substring(credentials.indexOf(':') + 1), StandardCharsets.UTF_8);
		}
		for (String parameter : form.split("&")) {
			if (parameter.startsWith("client_secret=")) {
				return URLDecoder.decode(parameter.substring("client_secret=".length()), StandardCharsets.UTF_8);
			}
		}
		return "";
	}

	/**
	 * One token request.
	 *
	 * @param arrivedAt when it reached the hop
	 * @param answeredAt when Keycloak's answer came back
	 * @param key the label of the client secret it carried
	 * @param status Keycloak's HTTP status
	 */
	record TokenRequest(Instant arrivedAt, Instant answeredAt, String key, int status) {

		boolean accepted() {
			return this.status == 200;
		}

	}

}
