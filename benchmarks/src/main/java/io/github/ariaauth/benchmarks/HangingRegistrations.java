package io.github.ariaauth.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Figure 7: a regional incident. N registrations behind a token endpoint that accepts and
 * never answers (connect-timeout 1 s, read-timeout 2 s, acquire-timeout 3 s,
 * max-backoff-without-token 500 ms), a caller looping on each, and beside them a healthy
 * registration with 3-second tokens and 4 callers asking for a token about once a
 * millisecond each, for 25 s. Reports the healthy callers' latency, their failures, and
 * the most token requests any hanging registration had open at once.
 */
final class HangingRegistrations {

	static final int[] SIZES = Arrays.stream(System.getProperty("hanging.sizes", "0,10,40").split(","))
		.mapToInt(Integer::parseInt)
		.toArray();

	static final Duration RUN = Duration.ofSeconds(25);

	static final int HEALTHY_CALLERS = 4;

	private HangingRegistrations() {
	}

	static void report() throws Exception {
		System.out.println();
		System.out.println("### Figure 7: a healthy registration beside N hanging ones (4 callers, 3 s tokens, "
				+ RUN.toSeconds() + " s)");
		System.out.println();
		System.out.println("| hanging registrations | healthy calls | failed | p50 ms | p99 ms | p99.9 ms | max ms "
				+ "| calls over 100 ms | calls over 1 s | requests to the hanging endpoint | most open at once per registration |");
		System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (int hanging : SIZES) {
			run(hanging);
		}
	}

	private static void run(int hanging) throws Exception {
		AtomicInteger issued = new AtomicInteger();
		try (MockWebServer healthy = new MockWebServer(); Hanging endpoint = new Hanging()) {
			healthy.setDispatcher(new Dispatcher() {
				@Override
				public MockResponse dispatch(RecordedRequest request) {
					return new MockResponse.Builder().code(200)
						.setHeader("Content-Type", "application/json")
						.body("{\"access_token\":\"healthy-" + issued.incrementAndGet()
								+ "\",\"token_type\":\"Bearer\"}")
						.build();
				}
			});
			healthy.start(InetAddress.getLoopbackAddress(), 0);
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("logging.level.root", "off");
			properties.put("aria.auth.token.connect-timeout", "1s");
			properties.put("aria.auth.token.read-timeout", "2s");
			properties.put("aria.auth.token.acquire-timeout", "3s");
			properties.put("aria.auth.token.max-backoff-without-token", "500ms");
			// Opaque tokens without expires_in: they live the default lifetime.
			properties.put("aria.auth.token.default-lifetime", "3s");
			registration(properties, "healthy", healthy.url("/token").toString());
			for (int i = 0; i < hanging; i++) {
				registration(properties, "hanging-" + i, endpoint.url("/token/" + i));
			}
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
					ManyRegistrations.Application.class)
				.web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.registerShutdownHook(false)
				.properties(properties)
				.run()) {
				measure(context.getBean(AriaRegistrations.class), hanging, endpoint);
			}
		}
	}

	private static void measure(AriaRegistrations registrations, int hanging, Hanging endpoint) throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < hanging; i++) {
			AriaTokenManager manager = registrations.tokenManager("hanging-" + i);
			threads.add(start(stop, () -> {
				try {
					manager.getToken();
				}
				catch (AriaAuthException expected) {
					// The incident.
				}
			}));
		}
		AriaTokenManager manager = registrations.tokenManager("healthy");
		try {
			manager.getToken();
		}
		catch (AriaAuthException ex) {
			// Only a core that lets hanging registrations starve this one fails here; the
			// table shows it.
		}
		// Every hanging registration has its first request given up on before measuring.
		Thread.sleep(4000);
		int requestsBefore = endpoint.requests.get();
		List<Latencies> latencies = new ArrayList<>();
		AtomicInteger failures = new AtomicInteger();
		for (int i = 0; i < HEALTHY_CALLERS; i++) {
			Latencies mine = new Latencies();
			latencies.add(mine);
			threads.add(start(stop, () -> {
				long started = System.nanoTime();
				try {
					manager.getToken();
				}
				catch (AriaAuthException ex) {
					failures.incrementAndGet();
				}
				mine.add(System.nanoTime() - started);
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}));
		}
		Thread.sleep(RUN.toMillis());
		stop.set(true);
		for (Thread thread : threads) {
			thread.join(10_000);
		}
		Latencies all = new Latencies();
		latencies.forEach(all::addAll);
		System.out.printf(Locale.ROOT, "| %d | %d | %d | %.3f | %.3f | %.3f | %.1f | %d | %d | %d | %d |%n", hanging,
				all.count(), failures.get(), all.percentileMillis(50), all.percentileMillis(99),
				all.percentileMillis(99.9), all.maxMillis(), all.countAbove(TimeUnit.MILLISECONDS.toNanos(100)),
				all.countAbove(TimeUnit.SECONDS.toNanos(1)), endpoint.requests.get() - requestsBefore,
				endpoint.maxOpenPerPath());
	}

	private static void registration(Map<String, Object> properties, String name, String tokenUri) {
		String prefix = "aria.auth.registrations." + name + ".";
		properties.put(prefix + "client-id", "client-" + name);
		properties.put(prefix + "client-secret", "secret-" + name);
		properties.put(prefix + "token-uri", tokenUri);
		properties.put(prefix + "api-base-url", "https://api.example.com");
	}

	private static Thread start(AtomicBoolean stop, Runnable call) {
		Thread thread = new Thread(() -> {
			while (!stop.get()) {
				call.run();
			}
		});
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/**
	 * Accepts every connection, reads the request line and never answers; counts the
	 * requests open at once per path.
	 */
	private static final class Hanging implements AutoCloseable {

		final AtomicInteger requests = new AtomicInteger();

		private final ServerSocket server;

		private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> maxOpen = new ConcurrentHashMap<>();

		Hanging() throws IOException {
			this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(() -> {
				while (!this.server.isClosed()) {
					try {
						Socket socket = this.server.accept();
						Thread holder = new Thread(() -> hold(socket));
						holder.setDaemon(true);
						holder.start();
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
		}

		String url(String path) {
			return "http://127.0.0.1:" + this.server.getLocalPort() + path;
		}

		int maxOpenPerPath() {
			return this.maxOpen.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
		}

		private void hold(Socket socket) {
			String path = null;
			try (socket) {
				InputStream in = socket.getInputStream();
				StringBuilder line = new StringBuilder();
				int read;
				while ((read = in.read()) != -1 && read != '\n') {
					line.append((char) read);
				}
				if (read == -1) {
					return;
				}
				this.requests.incrementAndGet();
				path = line.toString().split(" ")[1];
				int now = this.open.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
				this.maxOpen.computeIfAbsent(path, (key) -> new AtomicInteger()).accumulateAndGet(now, Math::max);
				while (in.read() != -1) {
					// Until the client gives up and closes.
				}
			}
			catch (IOException ex) {
				// The client went away.
			}
			finally {
				if (path != null) {
					this.open.get(path).decrementAndGet();
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

}
