package io.github.ariaauth;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * What a token manager built for itself and must release when it closes: its fetch
 * threads and its HTTP client. What it was given stays open; it belongs to the giver.
 */
final class OwnedResources {

	private final Executor executor;

	private final @Nullable ExecutorService ownedExecutor;

	private final @Nullable ReleasableHttpClient ownedHttpClient;

	OwnedResources(@Nullable Executor given, @Nullable ReleasableHttpClient ownedHttpClient) {
		if (given != null) {
			this.ownedExecutor = null;
			this.executor = given;
		}
		else {
			ExecutorService own = fetchThreads("aria-auth-token-");
			this.ownedExecutor = own;
			this.executor = own;
		}
		this.ownedHttpClient = ownedHttpClient;
	}

	/**
	 * Threads for token requests that hand each request a thread at once (no queue, so no
	 * request ever waits behind another) and end when idle. They are bounded by the token
	 * cores using them, because each keeps at most one request open.
	 * @param prefix the prefix of the threads' names
	 * @return the executor
	 */
	static ExecutorService fetchThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	Executor executor() {
		return this.executor;
	}

	void close() {
		if (this.ownedExecutor != null) {
			this.ownedExecutor.shutdownNow();
		}
		if (this.ownedHttpClient != null) {
			this.ownedHttpClient.close();
		}
	}

}
