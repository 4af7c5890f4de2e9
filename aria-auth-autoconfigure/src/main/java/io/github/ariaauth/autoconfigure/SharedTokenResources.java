package io.github.ariaauth.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ariaauth.AriaTokenHttpClient;

/**
 * What the token cores of the named registrations share: one HTTP client for token
 * requests and a bounded pool of fetch threads (token requests beyond its size wait their
 * turn), both ended with the context.
 */
final class SharedTokenResources implements AutoCloseable {

	// Token requests are short and rare (about one per registration and token lifetime),
	// so a few threads serve
	// hundreds of registrations; idle ones end.
	static final int FETCH_THREADS = 8;

	private final AriaTokenHttpClient httpClient;

	private final ExecutorService executor;

	SharedTokenResources(AriaTokenHttpClient httpClient) {
		this.httpClient = httpClient;
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(FETCH_THREADS, FETCH_THREADS, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "aria-auth-token-shared-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		this.executor = executor;
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
