package io.github.ariaauth.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * A loopback hop in front of Keycloak's token endpoint: aria-auth sends its token
 * requests here, and each goes on to Keycloak unchanged, whose answer comes back
 * unchanged. Subclasses note what a test needs to know of each request (never the
 * credentials) around {@link #forward}.
 */
abstract class TokenEndpointHop implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI tokenUri;

	TokenEndpointHop(KeycloakServer keycloak) {
		this.tokenUri = keycloak.tokenUri();
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				return answer(request);
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
	final String tokenUri() {
		return "http://127.0.0.1:" + this.server.getPort() + this.tokenUri.getPath();
	}

	@Override
	public void close() {
		this.server.close();
	}

	/**
	 * The answer to one token request that reached the hop, normally
	 * {@link #forward(RecordedRequest) Keycloak's}.
	 */
	abstract MockResponse answer(RecordedRequest request) throws InterruptedException;

	/**
	 * Keycloak's answer to {@code request}, or a 502 when Keycloak cannot be reached.
	 */
	final MockResponse forward(RecordedRequest request) throws InterruptedException {
		ByteString body = request.getBody();
		byte[] form = (body != null) ? body.toByteArray() : new byte[0];
		HttpRequest.Builder forwarded = HttpRequest.newBuilder(this.tokenUri)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofByteArray(form));
		for (String header : new String[] { "Content-Type", "Authorization" }) {
			String value = request.getHeaders().get(header);
			if (value != null) {
				forwarded.header(header, value);
			}
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

}
