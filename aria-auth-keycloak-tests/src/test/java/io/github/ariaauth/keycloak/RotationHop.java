package io.github.ariaauth.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
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
final class RotationHop implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI tokenUri;

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
		this.tokenUri = keycloak.tokenUri();
		this.keyLabel = keyLabel;
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				return forward(request);
			}
		});
		try {
			this.server.start(InetAddress.getLoopbackAddress(), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Run {@code rotation} once, before the {@code request}-th token request (counted
	 * from 1) goes on to Keycloak.
	 */
	void rotateBefore(int request, Runnable rotation) {
		this.rotateBefore = request;
		this.rotation = rotation;
	}

	/**
	 * The URI to use as {@code aria.auth.token-uri}.
	 */
	String tokenUri() {
		return "http://127.0.0.1:" + this.server.getPort() + this.tokenUri.getPath();
	}

	List<TokenRequest> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.close();
	}

	private MockResponse forward(RecordedRequest request) throws InterruptedException {
		Instant arrivedAt = Instant.now();
		Runnable due = this.rotation;
		if (this.count.incrementAndGet() == this.rotateBefore && due != null) {
			due.run();
		}
		ByteString body = request.getBody();
		String form = (body != null) ? body.utf8() : "";
		String authorization = request.getHeaders().get("Authorization");
		String key = this.keyLabel.apply(clientSecret(authorization, form));
		HttpRequest.Builder forwarded = HttpRequest.newBuilder(this.tokenUri)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(form));
		String contentType = request.getHeaders().get("Content-Type");
		if (contentType != null) {
			forwarded.header("Content-Type", contentType);
		}
		if (authorization != null) {
			forwarded.header("Authorization", authorization);
		}
		try {
			HttpResponse<String> response = this.http.send(forwarded.build(), HttpResponse.BodyHandlers.ofString());
			this.requests.add(new TokenRequest(arrivedAt, Instant.now(), key, response.statusCode()));
			MockResponse.Builder answer = new MockResponse.Builder().code(response.statusCode()).body(response.body());
			response.headers().firstValue("Content-Type").ifPresent((value) -> answer.setHeader("Content-Type", value));
			return answer.build();
		}
		catch (IOException ex) {
			this.requests.add(new TokenRequest(arrivedAt, Instant.now(), key, 502));
			return new MockResponse.Builder().code(502)
				.body("Keycloak unreachable: " + ex.getClass().getSimpleName())
				.build();
		}
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
