package io.github.ariaauth.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * A loopback hop in front of Keycloak's token endpoint that notes how each token request
 * authenticated the client (never the credentials themselves) and passes it on unchanged;
 * Keycloak's answer comes back unchanged. It proves which of client_secret_post and
 * client_secret_basic aria-auth really used.
 */
final class TokenRequestRecorder implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI tokenUri;

	private final ConcurrentLinkedQueue<ClientAuthentication> requests = new ConcurrentLinkedQueue<>();

	TokenRequestRecorder(KeycloakServer keycloak) {
		this.tokenUri = keycloak.tokenUri();
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
	 * The URI to use as {@code aria.auth.token-uri}: Keycloak's token endpoint path on
	 * this hop.
	 */
	String tokenUri() {
		return "http://127.0.0.1:" + this.server.getPort() + this.tokenUri.getPath();
	}

	List<ClientAuthentication> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.close();
	}

	private MockResponse forward(RecordedRequest request) throws InterruptedException {
		ByteString body = request.getBody();
		byte[] form = (body != null) ? body.toByteArray() : new byte[0];
		String authorization = request.getHeaders().get("Authorization");
		List<String> parameters = Arrays.stream(new String(form, StandardCharsets.UTF_8).split("&"))
			.map((parameter) -> parameter.split("=", 2)[0])
			.toList();
		this.requests.add(new ClientAuthentication(authorization != null && authorization.startsWith("Basic "),
				parameters.contains("client_id"), parameters.contains("client_secret")));
		HttpRequest.Builder forwarded = HttpRequest.newBuilder(this.tokenUri)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofByteArray(form));
		String contentType = request.getHeaders().get("Content-Type");
		if (contentType != null) {
			forwarded.header("Content-Type", contentType);
		}
		if (authorization != null) {
			forwarded.header("Authorization", authorization);
		}
		try {
			HttpResponse<String> response = this.http.send(forwarded.build(), HttpResponse.BodyHandlers.ofString());
			MockResponse.Builder answer = new MockResponse.Builder().code(response.statusCode()).body(response.body());
			response.headers().firstValue("Content-Type").ifPresent((value) -> answer.setHeader("Content-Type", value));
			return answer.build();
		}
		catch (IOException ex) {
			return new MockResponse.Builder().code(502)
				.body("Keycloak unreachable: " + ex.getClass().getSimpleName())
				.build();
		}
	}

	/**
	 * How one token request presented the client's credentials.
	 *
	 * @param basicHeader whether it carried an HTTP Basic {@code Authorization} header
	 * @param clientIdInBody whether the form had a {@code client_id} parameter
	 * @param clientSecretInBody whether the form had a {@code client_secret} parameter
	 */
	record ClientAuthentication(boolean basicHeader, boolean clientIdInBody, boolean clientSecretInBody) {

	}

}
