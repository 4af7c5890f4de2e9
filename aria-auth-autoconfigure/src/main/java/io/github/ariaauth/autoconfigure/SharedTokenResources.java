package io.github.ariaauth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.ariaauth.AriaTokenHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * What the token cores of the named registrations share: the HTTP clients for token
 * requests and the threads that run them, all ended with the context.
 * <p>
 * A JDK client's connect timeout and SSL context are its own, not a request's: the
 * registrations with the same {@code token.connect-timeout} and {@code token.ssl-bundle}
 * share one client (usually all of them), each other pair has one of its own. The read
 * timeout is a request's, so it never needs another client.
 * <p>
 * The threads come without a queue: each token request gets a thread at once, so a
 * registration whose token endpoint hangs never delays another's request (a bounded pool
 * with a queue did: one region's incident filled it and every registration timed out).
 * The number of threads is still bounded: each token core keeps at most one request open,
 * however long it hangs, so there are never more threads than registrations, and idle
 * ones end after 30 seconds. Token requests are rare (about one per registration and
 * token lifetime), so in practice a handful exist.
 */
final class SharedTokenResources implements AutoCloseable {

	private final Map<ClientKey, AriaTokenHttpClient> httpClients = new LinkedHashMap<>();

	private final ExecutorService executor;

	SharedTokenResources() {
		AtomicInteger count = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "aria-auth-token-shared-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	/**
	 * The client for token requests with this connect timeout and SSL bundle, made by
	 * {@code factory} the first time they are asked for.
	 */
	synchronized AriaTokenHttpClient httpClient(Duration connectTimeout, @Nullable String sslBundle,
			Supplier<AriaTokenHttpClient> factory) {
		return this.httpClients.computeIfAbsent(new ClientKey(connectTimeout, sslBundle), (key) -> factory.get());
	}

	synchronized int httpClientCount() {
		return this.httpClients.size();
	}

	ExecutorService executor() {
		return this.executor;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
		List<AriaTokenHttpClient> clients;
		synchronized (this) {
			clients = new ArrayList<>(this.httpClients.values());
			this.httpClients.clear();
		}
		clients.forEach(AriaTokenHttpClient::close);
	}

	private record ClientKey(Duration connectTimeout, @Nullable String sslBundle) {

	}

}
