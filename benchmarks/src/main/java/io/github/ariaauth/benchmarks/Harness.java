package io.github.ariaauth.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.ariaauth.AriaTokenManager;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;

import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The concurrency harness for figures 2 to 4 (cold-start herd, refresh boundary,
 * end-to-end throughput), where JMH does not fit: real threads, real time and a loopback
 * token endpoint that answers after 200 ms.
 * <p>
 * Run with
 * {@code java -cp benchmarks.jar io.github.ariaauth.benchmarks.Harness [herd|refresh|e2e|all]};
 * it prints Markdown tables. Every part has a bounded duration. Two more parts run on
 * their own: {@code registrations} (many named registrations in one context, see
 * {@link ManyRegistrations}) and {@code contention} (whether the cached-token path takes
 * a lock, see {@link FastPathContention}), and {@code hanging} (a healthy registration
 * beside hanging ones, see {@link HangingRegistrations}).
 */
public final class Harness {

	static final Duration TOKEN_DELAY = Duration.ofMillis(200);

	static final int[] HERD_SIZES = { 1, 10, 100, 1000 };

	static final List<Contender> HERD_CONTENDERS = List.of(Contender.NONE, Contender.ARIA, Contender.SPRING);

	static final long REFRESH_TOKEN_LIFETIME_SECONDS = 6;

	static final Duration REFRESH_RUN = Duration.ofSeconds(13);

	static final int REFRESH_CALLERS = 8;

	static final Duration SPRING_SHORT_CLOCK_SKEW = Duration.ofSeconds(1);

	static final Duration E2E_WARMUP = Duration.ofSeconds(5);

	static final Duration E2E_ROUND = Duration.ofMillis(1500);

	static final int E2E_ROUNDS = 7;

	static final int E2E_BLOCKING_THREADS = 8;

	static final int E2E_REACTIVE_CONCURRENCY = 16;

	private Harness() {
	}

	public static void main(String[] args) throws Exception {
		Logger.getLogger("").setLevel(Level.WARNING);
		String what = (args.length > 0) ? args[0] : "all";
		if (what.equals("herd") || what.equals("all")) {
			herd();
		}
		if (what.equals("refresh") || what.equals("all")) {
			refresh();
		}
		if (what.equals("e2e") || what.equals("all")) {
			endToEnd();
		}
		if (what.equals("registrations")) {
			ManyRegistrations.report();
		}
		if (what.equals("contention")) {
			FastPathContention.report();
		}
		if (what.equals("hanging")) {
			HangingRegistrations.report();
		}
		System.exit(0);
	}

	// ---- Figure 2: cold-start herd
	// -------------------------------------------------------------------

	static void herd() throws Exception {
		try (TokenServer server = new TokenServer(TOKEN_DELAY, 3600)) {
			// Warm up class loading and JIT for every contender; not reported.
			for (Contender contender : HERD_CONTENDERS) {
				for (Stack stack : Stack.values()) {
					herdRun(server, stack, contender, 10);
				}
			}
			System.out.println();
			System.out.println(
					"### Figure 2: cold-start herd (token endpoint answers after " + TOKEN_DELAY.toMillis() + " ms)");
			System.out.println();
			System.out.println(
					"| stack | N callers | contender | token requests | failed callers | p50 ms | p99 ms | max ms |");
			System.out.println("|---|---:|---|---:|---:|---:|---:|---:|");
			for (Stack stack : Stack.values()) {
				for (int n : HERD_SIZES) {
					for (Contender contender : HERD_CONTENDERS) {
						HerdResult result = herdRun(server, stack, contender, n);
						System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %.1f | %.1f | %.1f |%n", stack.label,
								n, contender.label, result.tokenRequests, result.failures,
								result.latencies.percentileMillis(50), result.latencies.percentileMillis(99),
								result.latencies.maxMillis());
					}
				}
			}
		}
	}

	private static HerdResult herdRun(TokenServer server, Stack stack, Contender contender, int n) throws Exception {
		server.reset();
		try (Instance instance = Instance.create(contender, server.tokenUri(), Stubs.API,
				Contenders.SPRING_DEFAULT_CLOCK_SKEW)) {
			Latencies latencies = new Latencies();
			AtomicInteger failures = new AtomicInteger();
			if (stack == Stack.REST_CLIENT) {
				herdBlocking(instance, n, latencies, failures);
			}
			else {
				herdReactive(instance, n, latencies, failures);
			}
			return new HerdResult(server.requests(), failures.get(), latencies);
		}
	}

	private static void herdBlocking(Instance instance, int n, Latencies latencies, AtomicInteger failures)
			throws InterruptedException {
		Stubs stubs = new Stubs();
		CountDownLatch ready = new CountDownLatch(n);
		CountDownLatch go = new CountDownLatch(1);
		long[] nanos = new long[n];
		List<Thread> threads = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			int index = i;
			Thread thread = new Thread(() -> {
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				long start = System.nanoTime();
				try {
					instance.interceptor.intercept(Stubs.request(), Stubs.NO_BODY, stubs.execution);
				}
				catch (Exception ex) {
					failures.incrementAndGet();
				}
				nanos[index] = System.nanoTime() - start;
			}, "herd-caller-" + i);
			thread.start();
			threads.add(thread);
		}
		ready.await();
		go.countDown();
		for (Thread thread : threads) {
			thread.join(TimeUnit.SECONDS.toMillis(120));
		}
		for (long value : nanos) {
			latencies.add(value);
		}
	}

	private static void herdReactive(Instance instance, int n, Latencies latencies, AtomicInteger failures)
			throws InterruptedException {
		Stubs stubs = new Stubs();
		CountDownLatch done = new CountDownLatch(n);
		long[] nanos = new long[n];
		for (int i = 0; i < n; i++) {
			int index = i;
			long start = System.nanoTime();
			instance.filter.filter(Stubs.clientRequest(), stubs.exchange).subscribe((response) -> {
				nanos[index] = System.nanoTime() - start;
				done.countDown();
			}, (error) -> {
				nanos[index] = System.nanoTime() - start;
				failures.incrementAndGet();
				done.countDown();
			});
		}
		done.await(120, TimeUnit.SECONDS);
		for (long value : nanos) {
			latencies.add(value);
		}
	}

	// ---- Figure 3: refresh boundary
	// ------------------------------------------------------------------

	static void refresh() throws Exception {
		System.out.println();
		System.out.println(
				"### Figure 3: refresh boundary (" + REFRESH_CALLERS + " callers, one request every ~2 ms each, for "
						+ REFRESH_RUN.toSeconds() + " s; tokens live " + REFRESH_TOKEN_LIFETIME_SECONDS
						+ " s; token endpoint answers after " + TOKEN_DELAY.toMillis() + " ms)");
		System.out.println();
		System.out.println(
				"| stack | contender | requests | token requests | requests that waited > 50 ms | p50 ms | p99 ms | p99.9 ms | max ms |");
		System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
		record Variant(Contender contender, Duration skew, String label) {
		}
		List<Variant> variants = List.of(new Variant(Contender.NONE, Duration.ZERO, Contender.NONE.label),
				new Variant(Contender.ARIA, Duration.ZERO, Contender.ARIA.label),
				new Variant(Contender.SPRING, SPRING_SHORT_CLOCK_SKEW, Contender.SPRING.label + " (clock skew 1 s)"),
				new Variant(Contender.SPRING, Contenders.SPRING_DEFAULT_CLOCK_SKEW,
						Contender.SPRING.label + " (default clock skew 60 s)"));
		for (Stack stack : Stack.values()) {
			for (Variant variant : variants) {
				try (TokenServer server = new TokenServer(TOKEN_DELAY, REFRESH_TOKEN_LIFETIME_SECONDS);
						Instance instance = Instance.create(variant.contender, server.tokenUri(), Stubs.API,
								variant.skew)) {
					Stubs stubs = new Stubs();
					Runnable call = (stack == Stack.REST_CLIENT) ? () -> {
						try {
							instance.interceptor.intercept(Stubs.request(), Stubs.NO_BODY, stubs.execution);
						}
						catch (IOException ex) {
							throw new IllegalStateException(ex);
						}
					} : () -> instance.filter.filter(Stubs.clientRequest(), stubs.exchange).block();
					call.run(); // the first token; its cold fetch is figure 2's business
					server.reset();
					Duration run = (variant.contender == Contender.NONE) ? Duration.ofSeconds(3) : REFRESH_RUN;
					Latencies latencies = callContinuously(call, run);
					System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %.2f | %.2f | %.2f | %.1f |%n",
							stack.label, variant.label, latencies.count(), server.requests(),
							latencies.countAbove(TimeUnit.MILLISECONDS.toNanos(50)), latencies.percentileMillis(50),
							latencies.percentileMillis(99), latencies.percentileMillis(99.9), latencies.maxMillis());
				}
			}
		}
	}

	private static Latencies callContinuously(Runnable call, Duration run) throws InterruptedException {
		long deadline = System.nanoTime() + run.toNanos();
		List<Latencies> perThread = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		AtomicInteger failures = new AtomicInteger();
		for (int i = 0; i < REFRESH_CALLERS; i++) {
			Latencies latencies = new Latencies();
			perThread.add(latencies);
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < deadline) {
					long start = System.nanoTime();
					try {
						call.run();
					}
					catch (RuntimeException ex) {
						failures.incrementAndGet();
					}
					latencies.add(System.nanoTime() - start);
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
				}
			}, "refresh-caller-" + i);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		if (failures.get() > 0) {
			System.out.println("  (" + failures.get() + " calls failed)");
		}
		Latencies all = new Latencies();
		perThread.forEach(all::addAll);
		return all;
	}

	// ---- Figure 4: end to end on loopback
	// ------------------------------------------------------------

	static void endToEnd() throws Exception {
		try (TokenServer tokens = new TokenServer(Duration.ZERO, 3600); MockWebServer api = apiServer()) {
			URI base = api.url("/").uri();
			URI converse = base.resolve("/api/v2/converse");
			List<Contender> contenders = List.of(Contender.NONE, Contender.FIXED, Contender.ARIA, Contender.SPRING);
			System.out.println();
			System.out.println("### Figure 4: end to end on loopback (MockWebServer API answering a small JSON body; "
					+ E2E_ROUNDS + " interleaved rounds of " + E2E_ROUND.toMillis() + " ms per contender, after "
					+ E2E_WARMUP.toSeconds() + " s warm-up)");
			System.out.println();
			System.out.println(
					"| stack | contender | requests/s (mean of rounds) | rounds | ratio to no auth (median of per-round ratios) |");
			System.out.println("|---|---|---:|---|---:|");
			for (Stack stack : Stack.values()) {
				List<Instance> instances = new ArrayList<>();
				List<Function<Duration, Long>> runners = new ArrayList<>();
				for (Contender contender : contenders) {
					Instance instance = Instance.create(contender, tokens.tokenUri(), base,
							Contenders.SPRING_DEFAULT_CLOCK_SKEW);
					instances.add(instance);
					runners.add((stack == Stack.REST_CLIENT) ? blockingLoad(instance, converse)
							: reactiveLoad(instance, converse));
				}
				for (Function<Duration, Long> runner : runners) {
					runner.apply(E2E_WARMUP);
				}
				double[][] perSecond = new double[contenders.size()][E2E_ROUNDS];
				for (int round = 0; round < E2E_ROUNDS; round++) {
					for (int k = 0; k < contenders.size(); k++) {
						int index = (k + round) % contenders.size(); // rotate the order
																		// each round
						perSecond[index][round] = runners.get(index).apply(E2E_ROUND) / (E2E_ROUND.toNanos() / 1e9);
					}
				}
				for (int k = 0; k < contenders.size(); k++) {
					StringBuilder rounds = new StringBuilder();
					for (double value : perSecond[k]) {
						rounds.append((rounds.length() > 0) ? ", " : "").append(Math.round(value));
					}
					System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %s | %.3f |%n", stack.label,
							contenders.get(k).label, mean(perSecond[k]), rounds,
							medianRatio(perSecond[k], perSecond[0]));
				}
				for (Instance instance : instances) {
					instance.close();
				}
			}
		}
	}

	private static Function<Duration, Long> blockingLoad(Instance instance, URI converse) {
		// Reactor Netty, as Boot's detection picks it when WebFlux is present (the JDK
		// client was slower here).
		RestClient.Builder builder = RestClient.builder()
			.requestFactory(new ReactorClientHttpRequestFactory())
			.baseUrl(converse.resolve("/").toString());
		if (instance.contender != Contender.NONE) {
			builder.requestInterceptor(instance.interceptor);
		}
		RestClient client = builder.build();
		return (duration) -> {
			long deadline = System.nanoTime() + duration.toNanos();
			AtomicInteger completed = new AtomicInteger();
			List<Thread> threads = new ArrayList<>();
			for (int i = 0; i < E2E_BLOCKING_THREADS; i++) {
				Thread thread = new Thread(() -> {
					while (System.nanoTime() < deadline) {
						client.get().uri(converse).retrieve().body(String.class);
						completed.incrementAndGet();
					}
				});
				thread.start();
				threads.add(thread);
			}
			for (Thread thread : threads) {
				try {
					thread.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return (long) completed.get();
		};
	}

	private static Function<Duration, Long> reactiveLoad(Instance instance, URI converse) {
		WebClient.Builder builder = WebClient.builder().baseUrl(converse.resolve("/").toString());
		if (instance.contender != Contender.NONE) {
			builder.filter(instance.filter);
		}
		WebClient client = builder.build();
		return (duration) -> {
			long deadline = System.nanoTime() + duration.toNanos();
			Long count = Flux.<Integer>generate((sink) -> {
				if (System.nanoTime() < deadline) {
					sink.next(0);
				}
				else {
					sink.complete();
				}
			})
				.flatMap((ignored) -> client.get().uri(converse).retrieve().bodyToMono(String.class),
						E2E_REACTIVE_CONCURRENCY)
				.count()
				.block(duration.plusSeconds(30));
			return (count != null) ? count : 0L;
		};
	}

	private static MockWebServer apiServer() throws IOException {
		MockWebServer server = new MockWebServer();
		server.setServerSocketFactory(new NoDelayServerSocketFactory());
		MockResponse answer = new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"answer\":\"Your next invoice is due on 1 July.\",\"conversation_id\":\"c-1\"}")
			.build();
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return answer;
			}
		});
		server.start(InetAddress.getLoopbackAddress(), 0);
		RecordedRequests.drain(server);
		return server;
	}

	private static double medianRatio(double[] values, double[] floor) {
		double[] ratios = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			ratios[i] = values[i] / floor[i];
		}
		java.util.Arrays.sort(ratios);
		return ratios[ratios.length / 2];
	}

	private static double mean(double[] values) {
		double sum = 0;
		for (double value : values) {
			sum += value;
		}
		return sum / values.length;
	}

	// ---- Contenders
	// ----------------------------------------------------------------------------------

	enum Stack {

		REST_CLIENT("RestClient"), WEB_CLIENT("WebClient");

		final String label;

		Stack(String label) {
			this.label = label;
		}

	}

	enum Contender {

		NONE("no auth (floor)"), FIXED("fixed header (floor)"), ARIA("aria-auth"), SPRING("Spring Security 7.0.6");

		final String label;

		Contender(String label) {
			this.label = label;
		}

	}

	private record HerdResult(int tokenRequests, int failures, Latencies latencies) {
	}

	/**
	 * One contender's interceptor and filter, sharing one token cache as an application
	 * would.
	 */
	static final class Instance implements AutoCloseable {

		final Contender contender;

		final ClientHttpRequestInterceptor interceptor;

		final ExchangeFilterFunction filter;

		private final AriaTokenManager manager;

		private Instance(Contender contender, ClientHttpRequestInterceptor interceptor, ExchangeFilterFunction filter,
				AriaTokenManager manager) {
			this.contender = contender;
			this.interceptor = interceptor;
			this.filter = filter;
			this.manager = manager;
		}

		static Instance create(Contender contender, URI tokenUri, URI api, Duration springClockSkew) {
			return switch (contender) {
				case NONE -> new Instance(contender, Contenders.noAuthInterceptor(), Contenders.noAuthFilter(), null);
				case FIXED -> new Instance(contender, Contenders.fixedHeaderInterceptor(TokenServer.jwt(0, 3600)),
						Contenders.fixedHeaderFilter(TokenServer.jwt(0, 3600)), null);
				case ARIA -> {
					AriaTokenManager manager = Contenders.ariaManager(tokenUri);
					yield new Instance(contender, Contenders.ariaInterceptor(manager, api),
							Contenders.ariaFilter(manager, api), manager);
				}
				case SPRING -> new Instance(contender, Contenders.springInterceptor(tokenUri, springClockSkew),
						Contenders.springFilter(tokenUri, springClockSkew), null);
			};
		}

		@Override
		public void close() {
			if (this.manager != null) {
				this.manager.close();
			}
		}

	}

	static {
		// Keep Reactor's "operator called default onErrorDropped" noise out of the
		// tables.
		Hooks.onErrorDropped((error) -> {
		});
	}

}
