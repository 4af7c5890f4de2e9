package io.github.ariaauth.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Posts Converse API v3 answers to their callback URLs on a background thread and records
 * the outcome.
 */
final class CallbackSender implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Duration delay;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "aria-stand-in-callbacks");
		thread.setDaemon(true);
		return thread;
	});

	private final List<CallbackDelivery> deliveries = new ArrayList<>();

	private @Nullable HttpClient client;

	CallbackSender(Duration delay) {
		this.delay = delay;
	}

	void send(String taskId, URI callbackUrl, String json) {
		this.executor.schedule(() -> record(post(taskId, callbackUrl, json)), this.delay.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private CallbackDelivery post(String taskId, URI callbackUrl, String json) {
		HttpRequest request = HttpRequest.newBuilder(callbackUrl)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		try {
			int status = client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			String failure = (status >= 200 && status < 300) ? null : "Callback receiver answered " + status;
			return new CallbackDelivery(taskId, callbackUrl, status, failure);
		}
		catch (IOException ex) {
			return new CallbackDelivery(taskId, callbackUrl, -1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new CallbackDelivery(taskId, callbackUrl, -1, "Interrupted");
		}
	}

	private synchronized HttpClient client() {
		if (this.client == null) {
			this.client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(TIMEOUT)
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
		}
		return this.client;
	}

	private synchronized void record(CallbackDelivery delivery) {
		this.deliveries.add(delivery);
		notifyAll();
	}

	synchronized List<CallbackDelivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	synchronized List<CallbackDelivery> await(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.deliveries.size() < count) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new IllegalStateException("Expected " + count + " callback deliveries within " + timeout
						+ " but there were " + this.deliveries.size());
			}
			TimeUnit.NANOSECONDS.timedWait(this, remaining);
		}
		return List.copyOf(this.deliveries);
	}

	synchronized void clear() {
		this.deliveries.clear();
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
