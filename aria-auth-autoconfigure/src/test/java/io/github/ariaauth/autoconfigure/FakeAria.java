package io.github.ariaauth.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

/**
 * A token endpoint and a Billie Connect API on two loopback MockWebServers, for client
 * tests. Tokens are opaque strings {@code token-1}, {@code token-2}, ... valid for
 * {@link #expiresIn} seconds.
 */
final class FakeAria implements AutoCloseable {

	/**
	 * For contexts with Reactor Netty clients: its resources otherwise wait a 2 s quiet
	 * period on every context close. Not 0 s: then an event loop can stop with a
	 * connection's close still queued, and the close of the context waits for it forever
	 * (netty/netty#9603).
	 */
	static final String QUICK_REACTOR_NETTY_SHUTDOWN = "spring.reactor.netty.shutdown-quiet-period=100ms";

	/**
	 * aria-auth's token core and clients, with Boot's HTTP client, RestClient and
	 * WebClient support.
	 */
	static final AutoConfigurations CLIENTS = AutoConfigurations.of(AriaAuthAutoConfiguration.class,
			AriaWebClientAutoConfiguration.class, AriaRestClientAutoConfiguration.class,
			HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
			ReactiveHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
			WebClientAutoConfiguration.class);

	final MockWebServer tokenEndpoint = new MockWebServer();

	final MockWebServer api = new MockWebServer();

	final AtomicInteger tokensIssued = new AtomicInteger();

	volatile long expiresIn = 3600;

	/** Released as each token request arrives, before any {@link #tokenGate} holds it. */
	final Semaphore tokenRequestsArrived = new Semaphore(0);

	/** When set, the token endpoint holds its answers until the latch opens. */
	volatile @Nullable CountDownLatch tokenGate;

	/** How the API answers; 200 "ok" by default. */
	volatile Function<RecordedRequest, MockResponse> apiAnswer = (request) -> text(200, "ok");

	FakeAria() {
		this.tokenEndpoint.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				FakeAria.this.tokenRequestsArrived.release();
				CountDownLatch gate = FakeAria.this.tokenGate;
				if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
					return text(503, "gate never opened");
				}
				String token = "token-" + FakeAria.this.tokensIssued.incrementAndGet();
				return new MockResponse.Builder().code(200)
					.setHeader("Content-Type", "application/json")
					.body("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
							+ FakeAria.this.expiresIn + "}")
					.build();
			}
		});
		this.api.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return FakeAria.this.apiAnswer.apply(request);
			}
		});
		try {
			this.tokenEndpoint.start();
			this.api.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A runner of {@link #CLIENTS} pointed at this token endpoint and API, with Reactor
	 * Netty's quick shutdown.
	 */
	ApplicationContextRunner clientsRunner() {
		return new ApplicationContextRunner().withConfiguration(CLIENTS)
			.withPropertyValues(properties())
			.withPropertyValues(QUICK_REACTOR_NETTY_SHUTDOWN);
	}

	String[] properties() {
		return new String[] { "aria.auth.client-id=test-client", "aria.auth.client-secret=test-secret",
				"aria.auth.token-uri=" + this.tokenEndpoint.url("/token"), "aria.auth.api-base-url=" + apiBaseUrl() };
	}

	String apiBaseUrl() {
		String url = this.api.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	/**
	 * Make the API answer every request with a redirect to {@code other}, named by
	 * another host name for this machine, so that the redirect leads to another host.
	 */
	void redirectApiTo(MockWebServer other) {
		String otherHost = "localhost".equals(this.api.getHostName()) ? "127.0.0.1" : "localhost";
		String location = "http://" + otherHost + ":" + other.getPort() + "/elsewhere";
		this.apiAnswer = (request) -> new MockResponse.Builder().code(302).setHeader("Location", location).build();
	}

	/**
	 * A server for another host that gives its queued answers and then answers 500 at
	 * once: a client that wrongly sends again (or follows a redirect again) fails its
	 * test at once instead of waiting forever for an answer.
	 */
	static MockWebServer otherHost() {
		QueueDispatcher dispatcher = new QueueDispatcher();
		dispatcher.setFailFast(text(500, "no answer queued"));
		MockWebServer other = new MockWebServer();
		other.setDispatcher(dispatcher);
		return other;
	}

	RecordedRequest takeApiRequest() {
		return take(this.api);
	}

	/**
	 * Wait until a token request has arrived at the endpoint (even if the gate still
	 * holds it).
	 */
	void awaitTokenRequest() {
		try {
			if (!this.tokenRequestsArrived.tryAcquire(5, TimeUnit.SECONDS)) {
				throw new AssertionError("no token request arrived");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Wait until a token request has arrived at the endpoint, failing at once if
	 * {@code call} ends first: then the client sent its request without asking for a
	 * token.
	 */
	void awaitTokenRequestBefore(Future<?> call) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		try {
			while (!this.tokenRequestsArrived.tryAcquire(10, TimeUnit.MILLISECONDS)) {
				if (call.isDone()) {
					throw new AssertionError("the call ended without a token request");
				}
				if (System.nanoTime() - deadline > 0) {
					throw new AssertionError("no token request arrived");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	static RecordedRequest take(MockWebServer server) {
		try {
			RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
			if (request == null) {
				throw new AssertionError("no request reached " + server);
			}
			return request;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	static MockResponse text(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/plain").body(body).build();
	}

	@Override
	public void close() {
		this.tokenEndpoint.close();
		this.api.close();
	}

}
