package io.github.ariaauth.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A loopback Aria for many registrations: a token endpoint that issues an RS256-sized JWT
 * to each client and counts the requests per client, and an API that answers with the
 * name of the registration whose token it was sent ({@code client-<name>} is the client
 * id of registration {@code <name>}), or 401 for a token it never issued.
 */
final class FakeAria implements AutoCloseable {

	static {
		Logger.getLogger(MockWebServer.class.getName()).setLevel(Level.OFF);
	}

	private static final String CLIENT_PREFIX = "client-";

	private final MockWebServer tokenEndpoint = new MockWebServer();

	private final MockWebServer api = new MockWebServer();

	private final Map<String, AtomicInteger> tokenRequestsByClient = new ConcurrentHashMap<>();

	private final Map<String, String> registrationByToken = new ConcurrentHashMap<>();

	private final AtomicInteger serial = new AtomicInteger();

	FakeAria() throws IOException {
		this.tokenEndpoint.setServerSocketFactory(new NoDelayServerSocketFactory());
		this.tokenEndpoint.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return token(request);
			}
		});
		this.api.setServerSocketFactory(new NoDelayServerSocketFactory());
		this.api.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return answer(request);
			}
		});
		this.tokenEndpoint.start(InetAddress.getLoopbackAddress(), 0);
		this.api.start(InetAddress.getLoopbackAddress(), 0);
		RecordedRequests.drain(this.tokenEndpoint);
		RecordedRequests.drain(this.api);
	}

	static String clientId(String registration) {
		return CLIENT_PREFIX + registration;
	}

	/**
	 * Whether a thread belongs to the fakes rather than to the application: MockWebServer
	 * runs on OkHttp's task runner, whose threads take the names of their tasks, so they
	 * are told apart by their stacks.
	 */
	static boolean owns(Thread thread, StackTraceElement[] stack) {
		if (thread.getName().startsWith("recorded-request-drainer") || thread.getName().startsWith("MockWebServer")
				|| thread.getName().startsWith("OkHttp")) {
			return true;
		}
		for (StackTraceElement frame : stack) {
			if (frame.getClassName().startsWith("okhttp3.") || frame.getClassName().startsWith("mockwebserver3.")) {
				return true;
			}
		}
		return false;
	}

	String tokenUri() {
		return this.tokenEndpoint.url("/oauth2/token").toString();
	}

	String apiBaseUrl() {
		String url = this.api.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	int tokenRequests() {
		return this.tokenRequestsByClient.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	int clientsWithOneTokenRequest() {
		return (int) this.tokenRequestsByClient.values().stream().filter((count) -> count.get() == 1).count();
	}

	/**
	 * Forget the clients and tokens seen so far (also so that they are not counted as the
	 * application's heap).
	 */
	void forget() {
		this.tokenRequestsByClient.clear();
		this.registrationByToken.clear();
	}

	private MockResponse token(RecordedRequest request) {
		String clientId = (request.getBody() != null)
				? formParameter(request.getBody().string(StandardCharsets.UTF_8), "client_id") : null;
		if (clientId == null || !clientId.startsWith(CLIENT_PREFIX)) {
			return new MockResponse.Builder().code(401)
				.addHeader("Content-Type", "application/json")
				.body("{\"error\":\"invalid_client\"}")
				.build();
		}
		this.tokenRequestsByClient.computeIfAbsent(clientId, (key) -> new AtomicInteger()).incrementAndGet();
		String token = TokenServer.jwt(this.serial.incrementAndGet(), 3600);
		this.registrationByToken.put(token, clientId.substring(CLIENT_PREFIX.length()));
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
			.build();
	}

	private MockResponse answer(RecordedRequest request) {
		String authorization = request.getHeaders().get("Authorization");
		String registration = (authorization != null && authorization.startsWith("Bearer "))
				? this.registrationByToken.get(authorization.substring(7)) : null;
		return new MockResponse.Builder().code((registration != null) ? 200 : 401)
			.addHeader("Content-Type", "text/plain")
			.body((registration != null) ? registration : "unknown token")
			.build();
	}

	private static String formParameter(String form, String name) {
		for (String pair : form.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).equals(name)) {
				return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	@Override
	public void close() {
		this.tokenEndpoint.close();
		this.api.close();
	}

}
