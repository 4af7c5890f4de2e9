package io.github.ariaauth.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ServerSocketFactory;

import io.github.ariaauth.MutableClock;
import io.github.ariaauth.RefusingPort;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A token endpoint on loopback whose answers a test switches at will; it can also go away
 * entirely (connection refused) and come back on the same port, which it holds meanwhile
 * so that no other socket takes it. Every access token it ever puts in a response is
 * remembered, so tests can check that none leaks.
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

	private volatile RefusingPort refusing;

	private volatile String lastRequestBody = "";

	TokenServer(MutableClock clock) {
		this.clock = clock;
		this.server = start(0);
		this.port = this.server.getPort();
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
			this.refusing = RefusingPort.at(this.port);
		}
	}

	/** Listen again, on the same port. */
	void up() {
		if (this.server != null) {
			return;
		}
		this.refusing.close();
		this.refusing = null;
		this.server = start(this.port);
	}

	private MockWebServer start(int port) {
		MockWebServer started = new MockWebServer();
		started.setServerSocketFactory(new AddressReusingServerSocketFactory());
		started.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				TokenServer.this.requests.incrementAndGet();
				TokenServer.this.lastRequestBody = (request.getBody() != null) ? request.getBody().utf8() : "";
				return TokenServer.this.behaviour.apply(TokenServer.this);
			}
		});
		try {
			started.start(InetAddress.getLoopbackAddress(), port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return started;
	}

	/**
	 * Makes every server socket, and so every connection it accepts, reuse its address:
	 * otherwise a connection the client still holds when the server goes down keeps the
	 * port from being held (MockWebServer asks for address reuse only when given a port,
	 * not for port 0).
	 */
	private static final class AddressReusingServerSocketFactory extends ServerSocketFactory {

		@Override
		public ServerSocket createServerSocket() throws IOException {
			return new ServerSocket() {
				@Override
				public void setReuseAddress(boolean on) throws SocketException {
					super.setReuseAddress(true);
				}
			};
		}

		@Override
		public ServerSocket createServerSocket(int port) throws IOException {
			throw new UnsupportedOperationException();
		}

		@Override
		public ServerSocket createServerSocket(int port, int backlog) throws IOException {
			throw new UnsupportedOperationException();
		}

		@Override
		public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
			throw new UnsupportedOperationException();
		}

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
		MockWebServer current = this.server;
		this.server = null;
		if (current != null) {
			current.close();
		}
		RefusingPort held = this.refusing;
		this.refusing = null;
		if (held != null) {
			held.close();
		}
	}

}
