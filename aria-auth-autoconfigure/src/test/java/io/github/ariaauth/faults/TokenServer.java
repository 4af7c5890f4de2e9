package io.github.ariaauth.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.ariaauth.MutableClock;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A token endpoint on loopback whose answers a test switches at will; it can also go away entirely (connection
 * refused) and come back on the same port. Every access token it ever puts in a response is remembered, so
 * tests can check that none leaks.
 */
final class TokenServer implements AutoCloseable {

	static final String PATH = "/realms/aria/protocol/openid-connect/token";

	private final MutableClock clock;

	private final int port;

	private final AtomicInteger requests = new AtomicInteger();

	private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();

	private volatile Function<TokenServer, MockResponse> behaviour = TokenServer::good;

	private volatile long lifetimeSeconds = 3600;

	private volatile MockWebServer server;

	private volatile String lastRequestBody = "";

	TokenServer(MutableClock clock) {
		this.clock = clock;
		this.port = freePort();
		up();
	}

	String tokenUri() {
		return "http://127.0.0.1:" + this.port + PATH;
	}

	int requests() {
		return this.requests.get();
	}

	String lastRequestBody() {
		return this.lastRequestBody;
	}

	Set<String> issuedTokens() {
		return this.issuedTokens;
	}

	void lifetime(Duration lifetime) {
		this.lifetimeSeconds = lifetime.toSeconds();
	}

	/** Answer every request this way from now on. */
	void answer(Function<TokenServer, MockResponse> behaviour) {
		this.behaviour = behaviour;
	}

	/** Stop listening: connections are refused until {@link #up()}. */
	void down() {
		MockWebServer current = this.server;
		this.server = null;
		if (current != null) {
			current.close();
		}
	}

	/** Listen again, on the same port. */
	void up() {
		if (this.server != null) {
			return;
		}
		MockWebServer started = new MockWebServer();
		started.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				TokenServer.this.requests.incrementAndGet();
				TokenServer.this.lastRequestBody = (request.getBody() != null) ? request.getBody().utf8() : "";
				return TokenServer.this.behaviour.apply(TokenServer.this);
			}
		});
		try {
			started.start(InetAddress.getLoopbackAddress(), this.port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server = started;
	}

	/** A good answer: a fresh JWT valid for the configured lifetime. */
	MockResponse good() {
		String token = TestJwts.jwt(this.clock.instant(), this.clock.instant().plusSeconds(this.lifetimeSeconds));
		return json(200, "{\"access_token\":\"" + issue(token) + "\",\"token_type\":\"Bearer\",\"expires_in\":"
				+ this.lifetimeSeconds + ",\"scope\":\"api\"}");
	}

	/** Remember a token value that goes into a response. */
	String issue(String token) {
		this.issuedTokens.add(token);
		return token;
	}

	static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
	}

	@Override
	public void close() {
		down();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
