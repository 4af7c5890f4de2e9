package io.github.ariaauth;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * A JDK {@link HttpClient} that the token manager owns: it forwards to the real client
 * until it is closed, then lets go of it, closing it first on Java 21 and later.
 * <p>
 * Letting go is what ends the real client on Java 17, which has no {@code close()}: its
 * selector thread stops only once the client is unreachable. The JDK keeps a pooled
 * connection's first exchange reachable, through the connection's spent connect-timeout
 * event, for as long as the connection stays in the pool (20 minutes by default on Java
 * 17), and Spring's {@code JdkClientHttpRequest}, which that exchange's request body
 * holds, references the client it was sent with. That chain ends here, at this wrapper,
 * instead of at the real client.
 */
final class ReleasableHttpClient extends HttpClient implements AutoCloseable {

	// How long close() waits for the stopped client's threads to end.
	private static final Duration TERMINATION = Duration.ofMillis(500);

	private volatile @Nullable HttpClient client;

	ReleasableHttpClient(HttpClient client) {
		this.client = client;
	}

	@Override
	public Optional<CookieHandler> cookieHandler() {
		return client().cookieHandler();
	}

	@Override
	public Optional<Duration> connectTimeout() {
		return client().connectTimeout();
	}

	@Override
	public Redirect followRedirects() {
		return client().followRedirects();
	}

	@Override
	public Optional<ProxySelector> proxy() {
		return client().proxy();
	}

	@Override
	public SSLContext sslContext() {
		return client().sslContext();
	}

	@Override
	public SSLParameters sslParameters() {
		return client().sslParameters();
	}

	@Override
	public Optional<Authenticator> authenticator() {
		return client().authenticator();
	}

	@Override
	public Version version() {
		return client().version();
	}

	@Override
	public Optional<Executor> executor() {
		return client().executor();
	}

	@Override
	public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBodyHandler)
			throws IOException, InterruptedException {
		HttpClient current = this.client;
		if (current == null) {
			throw closed();
		}
		return current.send(request, responseBodyHandler);
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
			HttpResponse.BodyHandler<T> responseBodyHandler) {
		HttpClient current = this.client;
		return (current != null) ? current.sendAsync(request, responseBodyHandler)
				: CompletableFuture.failedFuture(closed());
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
			HttpResponse.BodyHandler<T> responseBodyHandler,
			HttpResponse.@Nullable PushPromiseHandler<T> pushPromiseHandler) {
		HttpClient current = this.client;
		return (current != null) ? current.sendAsync(request, responseBodyHandler, pushPromiseHandler)
				: CompletableFuture.failedFuture(closed());
	}

	/**
	 * Let go of the real client, stopping it first where the JDK can (Java 21 and later):
	 * requests still running are aborted rather than waited for, so that closing never
	 * waits out a token request, then its threads are given a moment to end. Overrides
	 * {@code HttpClient.close()} on those versions.
	 */
	@Override
	public void close() {
		HttpClient current = this.client;
		this.client = null;
		if (current == null) {
			return;
		}
		try {
			HttpClient.class.getMethod("shutdownNow").invoke(current);
			HttpClient.class.getMethod("awaitTermination", Duration.class).invoke(current, TERMINATION);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// Java 17 has neither; closing is best effort: the client is unreachable
			// from here on either way.
		}
	}

	/**
	 * A request factory that sends with this client. Spring's requests hold the client
	 * they are sent with, which is why that is this wrapper (see above).
	 */
	ClientHttpRequestFactory requestFactory(Duration readTimeout) {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(this);
		factory.setReadTimeout(readTimeout);
		return factory;
	}

	/**
	 * The client a token manager builds when it is given none: a connect timeout, and
	 * redirects never followed, since a token request carries the client secret.
	 */
	static HttpClient defaultClient() {
		return HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public String toString() {
		return "ReleasableHttpClient[" + ((this.client != null) ? "open" : "closed") + "]";
	}

	private HttpClient client() {
		HttpClient current = this.client;
		if (current == null) {
			throw new IllegalStateException("The HTTP client of the Aria token manager is closed");
		}
		return current;
	}

	private static IOException closed() {
		return new IOException("The HTTP client of the Aria token manager is closed");
	}

}
