package io.github.ariaauth.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ariaauth.AriaTokenHttpClient;

/**
 * What the token cores of the named registrations share: one HTTP client for token
 * requests and the threads that run them, both ended with the context.
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

	private final AriaTokenHttpClient httpClient;

	private final ExecutorService executor;

	SharedTokenResources(AriaTokenHttpClient httpClient) {
		this.httpClient = httpClient;
		AtomicInteger count = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "aria-auth-token-shared-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	AriaTokenHttpClient httpClient() {
		return this.httpClient;
	}

	ExecutorService executor() {
		return this.executor;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
		this.httpClient.close();
	}

}
