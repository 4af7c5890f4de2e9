package io.github.ariaauth.benchmarks;

import mockwebserver3.MockWebServer;

/**
 * Keeps MockWebServer's queue of recorded requests empty, so a long run does not fill the
 * heap with them.
 */
final class RecordedRequests {

	private RecordedRequests() {
	}

	static void drain(MockWebServer server) {
		Thread drainer = new Thread(() -> {
			try {
				while (true) {
					server.takeRequest();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "recorded-request-drainer");
		drainer.setDaemon(true);
		drainer.start();
	}

}
