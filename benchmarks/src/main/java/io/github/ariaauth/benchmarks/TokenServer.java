package io.github.ariaauth.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A loopback token endpoint that answers every client-credentials request after a fixed
 * delay with a fresh RS256-sized JWT, and counts the requests.
 */
final class TokenServer implements AutoCloseable {

	static {
		// MockWebServer logs every connection it closes; that would drown the results.
		Logger.getLogger(MockWebServer.class.getName()).setLevel(Level.OFF);
	}

	private final MockWebServer server = new MockWebServer();

	private final AtomicInteger requests = new AtomicInteger();

	private final Duration delay;

	private final long expiresInSeconds;

	TokenServer(Duration delay, long expiresInSeconds) throws IOException {
		this.delay = delay;
		this.expiresInSeconds = expiresInSeconds;
		this.server.setServerSocketFactory(new NoDelayServerSocketFactory());
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return tokenResponse(TokenServer.this.requests.incrementAndGet());
			}
		});
		this.server.start(InetAddress.getLoopbackAddress(), 0);
		RecordedRequests.drain(this.server);
	}

	URI tokenUri() {
		return this.server.url("/oauth2/token").uri();
	}

	int requests() {
		return this.requests.get();
	}

	void reset() {
		this.requests.set(0);
	}

	private MockResponse tokenResponse(int serial) {
		String body = "{\"access_token\":\"" + jwt(serial, this.expiresInSeconds)
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":" + this.expiresInSeconds + "}";
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.headersDelay(this.delay.toMillis(), TimeUnit.MILLISECONDS)
			.body(body)
			.build();
	}

	/**
	 * A JWT of the size Aria issues (RS256: a 256-byte signature), with Aria's claims;
	 * never verified here.
	 */
	static String jwt(int serial, long expiresInSeconds) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		long now = Instant.now().getEpochSecond();
		String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
		String payload = "{\"iss\":\"https://auth.example.test\",\"aud\":[\"billie\"],\"sub\":\"bench-" + serial
				+ "\",\"client_no\":\"1000001\",\"account_no\":\"2000002\",\"scope\":\"billie.converse\",\"iat\":" + now
				+ ",\"exp\":" + (now + expiresInSeconds) + "}";
		byte[] signature = new byte[256];
		new SecureRandom().nextBytes(signature);
		return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(signature);
	}

	@Override
	public void close() {
		this.server.close();
	}

}
