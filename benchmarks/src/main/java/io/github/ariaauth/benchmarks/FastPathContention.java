package io.github.ariaauth.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.github.ariaauth.AriaTokenManager;

import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Whether the cached-token path takes a lock: threads hammer it together and the JVM's
 * thread contention monitoring counts how often each blocked on a monitor or waited
 * (parked, as a contended {@code java.util.concurrent} lock does). Two control rows make
 * the same call inside a {@code synchronized} block and holding a {@code ReentrantLock},
 * to show that the method sees a lock when there is one. JMH's {@code -prof gc} answers
 * the allocation question; this answers the lock question.
 */
final class FastPathContention {

	static final int THREADS = 4;

	static final Duration RUN = Duration.ofSeconds(2);

	private FastPathContention() {
	}

	static void report() throws Exception {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		if (threads.isThreadContentionMonitoringSupported()) {
			threads.setThreadContentionMonitoringEnabled(true);
		}
		try (TokenServer server = new TokenServer(Duration.ZERO, 3600)) {
			AriaTokenManager manager = Contenders.ariaManager(server.tokenUri());
			try {
				manager.getToken();
				server.reset();
				Stubs stubs = new Stubs();
				ClientHttpRequestInterceptor interceptor = Contenders.ariaInterceptor(manager, Stubs.API);
				ExchangeFilterFunction filter = Contenders.ariaFilter(manager, Stubs.API);
				Object monitor = new Object();
				ReentrantLock lock = new ReentrantLock();
				record Path(String label, Runnable call) {
				}
				List<Path> paths = List.of(new Path("getTokenIfAvailable()", manager::getTokenIfAvailable),
						new Path("getToken()", manager::getToken), new Path("RestClient interceptor", () -> {
							try {
								interceptor.intercept(Stubs.request(), Stubs.NO_BODY, stubs.execution);
							}
							catch (IOException ex) {
								throw new IllegalStateException(ex);
							}
						}),
						new Path("WebClient filter",
								() -> filter.filter(Stubs.clientRequest(), stubs.exchange).block()),
						new Path("control: getToken() inside synchronized", () -> {
							synchronized (monitor) {
								manager.getToken();
							}
						}), new Path("control: getToken() holding a ReentrantLock", () -> {
							lock.lock();
							try {
								manager.getToken();
							}
							finally {
								lock.unlock();
							}
						}));
				for (Path path : paths) {
					run(threads, path.call); // warm-up, not reported
				}
				System.out.println();
				System.out.println("### Cached-token path under contention (" + THREADS + " threads for "
						+ RUN.toSeconds() + " s each, thread contention monitoring "
						+ (threads.isThreadContentionMonitoringEnabled() ? "on" : "UNAVAILABLE") + ")");
				System.out.println();
				System.out.println(
						"| path | calls | times a thread blocked on a monitor | times a thread waited or parked | token requests |");
				System.out.println("|---|---:|---:|---:|---:|");
				for (Path path : paths) {
					long[] counts = run(threads, path.call);
					System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", path.label, counts[0], counts[1],
							counts[2], server.requests());
				}
			}
			finally {
				manager.close();
			}
		}
	}

	// Calls made, and monitor blocks and waits counted on the calling threads while they
	// made them.
	private static long[] run(ThreadMXBean threads, Runnable call) throws InterruptedException {
		AtomicLong calls = new AtomicLong();
		AtomicLong blocked = new AtomicLong();
		AtomicLong waited = new AtomicLong();
		CountDownLatch ready = new CountDownLatch(THREADS);
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> callers = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			Thread thread = new Thread(() -> {
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				long id = Thread.currentThread().getId();
				ThreadInfo start = threads.getThreadInfo(id);
				long deadline = System.nanoTime() + RUN.toNanos();
				long made = 0;
				while (System.nanoTime() < deadline) {
					for (int k = 0; k < 1000; k++) {
						call.run();
					}
					made += 1000;
				}
				ThreadInfo end = threads.getThreadInfo(id);
				calls.addAndGet(made);
				blocked.addAndGet(end.getBlockedCount() - start.getBlockedCount());
				waited.addAndGet(end.getWaitedCount() - start.getWaitedCount());
			}, "fast-path-caller-" + i);
			thread.start();
			callers.add(thread);
		}
		ready.await();
		go.countDown();
		for (Thread thread : callers) {
			thread.join();
		}
		return new long[] { calls.get(), blocked.get(), waited.get() };
	}

}
