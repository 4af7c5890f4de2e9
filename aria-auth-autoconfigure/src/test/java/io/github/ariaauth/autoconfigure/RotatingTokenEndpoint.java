package io.github.ariaauth.autoconfigure;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ariaauth.MutableClock;
import io.github.ariaauth.TestTokens;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A token endpoint that accepts only the keys currently valid for the service account, as
 * Keycloak does once a client's secret is regenerated, and records which key each token
 * request carried and when (on the test's clock).
 */
final class RotatingTokenEndpoint implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private final MutableClock clock;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile Set<String> validKeys;

	private volatile Duration lifetime = Duration.ofMinutes(10);

	private volatile int rotateAt;

	private volatile Set<String> rotateTo = Set.of();

	private volatile Instant rotatedAt;

	RotatingTokenEndpoint(MutableClock clock, String... keys) throws Exception {
		this.clock = clock;
		this.validKeys = Set.of(keys);
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return answer(request);
			}
		});
		this.server.start();
	}

	String tokenUri() {
		return this.server.url("/realms/aria/protocol/openid-connect/token").toString();
	}

	/** Accept these keys, and no other, from now on. */
	void validKeys(String... keys) {
		this.validKeys = Set.of(keys);
	}

	/**
	 * Accept only {@code keys} from the {@code request}-th token request on (counting
	 * from 1), as if the key had been revoked just before it.
	 */
	void rotateAtRequest(int request, String... keys) {
		this.rotateTo = Set.of(keys);
		this.rotateAt = request;
	}

	/** When the endpoint rotated the key as asked, if it did. */
	Instant rotatedAt() {
		return this.rotatedAt;
	}

	void lifetime(Duration lifetime) {
		this.lifetime = lifetime;
	}

	List<Request> requests() {
		return this.requests;
	}

	private MockResponse answer(RecordedRequest recorded) {
		String key = "";
		for (String field : recorded.getBody().string(StandardCharsets.UTF_8).split("&")) {
			if (field.startsWith("client_secret=")) {
				key = URLDecoder.decode(field.substring("client_secret=".length()), StandardCharsets.UTF_8);
			}
		}
		Instant now = this.clock.instant();
		if (this.rotateAt == this.requests.size() + 1) {
			this.validKeys = this.rotateTo;
			this.rotatedAt = now;
		}
		boolean accepted = this.validKeys.contains(key);
		this.requests.add(new Request(now, key, accepted));
		if (!accepted) {
			return TestTokens.json(401,
					"{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");
		}
		return TestTokens.tokenResponse(TestTokens.jwt(now, now.plus(this.lifetime)), this.lifetime.toSeconds());
	}

	@Override
	public void close() throws Exception {
		this.server.close();
	}

	record Request(Instant at, String key, boolean accepted) {
	}

}
