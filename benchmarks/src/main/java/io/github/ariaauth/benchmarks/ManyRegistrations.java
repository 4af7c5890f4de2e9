package io.github.ariaauth.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.github.ariaauth.AriaRegistrations;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Many named registrations in one application (issue #10): for N registrations under
 * {@code aria.auth.registrations}, how long a context takes to start, how much heap it
 * keeps per registration, and which threads it adds once every registration has made five
 * cold calls through {@link AriaRegistrations#client(String, Class)} (a WebClient)
 * against a loopback token endpoint and API.
 * <p>
 * Each N runs in JVMs of its own ({@code java ... ManyRegistrations run|heap <N>}), so
 * that neither threads nor heap of one size carry over to the next; {@link #report()}
 * starts them one after the other and prints the tables.
 */
public final class ManyRegistrations {

	static final int[] SIZES = { 1, 10, 100, 1000 };

	static final int CALLS_PER_REGISTRATION = 5;

	// Reactor Netty's default pool allows 16 connections per host (2 x max(cores, 8)): no
	// call waits for one.
	static final int CALL_CONCURRENCY = 16;

	static final List<String> CHILD_JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

	// Soft references (Spring's and Jackson's caches) cleared at every collection: only
	// what the application holds.
	static final List<String> HEAP_JVM_OPTIONS = List.of("-XX:SoftRefLRUPolicyMSPerMB=0");

	static final Duration CHILD_TIMEOUT = Duration.ofMinutes(5);

	private static final String RESULT = "many-registrations-result";

	private ManyRegistrations() {
	}

	/**
	 * Measure one size in this JVM and print its result line.
	 * @param args {@code run} (startup time, calls, threads) or {@code heap}, and the
	 * number of named registrations
	 */
	public static void main(String[] args) throws Exception {
		int registrations = Integer.parseInt(args[1]);
		Result result = new Result();
		result.registrations = registrations;
		if (args[0].equals("heap")) {
			measureHeap(result);
		}
		else {
			measureRun(result);
		}
		System.out.println(RESULT + "\t" + result.encode());
		System.exit(0);
	}

	/**
	 * Measure every size, each in a fresh JVM, and print the Markdown tables.
	 */
	static void report() throws Exception {
		List<Result> results = new ArrayList<>();
		for (int size : SIZES) {
			long started = System.nanoTime();
			Result run = measureInChildJvm("run", size, List.of());
			double runSeconds = millisSince(started) / 1000;
			started = System.nanoTime();
			Result heap = measureInChildJvm("heap", size, HEAP_JVM_OPTIONS);
			System.err.printf(Locale.ROOT, "%d registrations: %.0f s (startup, calls and threads) + %.0f s (heap)%n",
					size, runSeconds, millisSince(started) / 1000);
			if (heap.callsAnsweredRight != heap.calls) {
				System.err.println("heap run with " + size + " registrations: only " + heap.callsAnsweredRight + " of "
						+ heap.calls + " calls answered right");
			}
			run.heapWithoutRegistrations = heap.heapWithoutRegistrations;
			run.heapAfterStartup = heap.heapAfterStartup;
			run.heapAfterCalls = heap.heapAfterCalls;
			results.add(run);
		}
		System.out.println();
		System.out
			.println("### Many registrations: context startup (SpringApplication, WebApplicationType.NONE; each N in a "
					+ "fresh JVM, " + String.join(" ", CHILD_JVM_OPTIONS) + ")");
		System.out.println();
		System.out.println("| named registrations | startup, median ms (min-max) | CPU time of the starting thread, "
				+ "median ms | first start in the JVM ms |");
		System.out.println("|---:|---:|---:|---:|");
		for (Result result : results) {
			System.out.printf(Locale.ROOT, "| %d | %.0f (%.0f-%.0f, %d runs) | %.0f | %.0f |%n", result.registrations,
					result.startupMedianMillis, result.startupMinMillis, result.startupMaxMillis, result.startupRuns,
					result.startupCpuMedianMillis, result.firstStartMillis);
		}
		System.out.println();
		System.out.println("### Many registrations: retained heap over the same context with aria.auth.enabled=false "
				+ "(used heap after full GCs, " + String.join(" ", HEAP_JVM_OPTIONS) + ")");
		System.out.println();
		System.out.println("| named registrations | after startup | per registration | per added registration "
				+ "| after " + CALLS_PER_REGISTRATION + " calls each | per registration | per added registration |");
		System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
		Result previous = null;
		for (Result result : results) {
			long startup = result.heapAfterStartup - result.heapWithoutRegistrations;
			long calls = result.heapAfterCalls - result.heapWithoutRegistrations;
			System.out.printf(Locale.ROOT, "| %d | %.2f MB | %.1f KB | %s | %.2f MB | %.1f KB | %s |%n",
					result.registrations, megabytes(startup), kilobytesPer(startup, result.registrations),
					marginal(previous, result, false), megabytes(calls), kilobytesPer(calls, result.registrations),
					marginal(previous, result, true));
			previous = result;
		}
		System.out.println();
		System.out.println("### Many registrations: " + CALLS_PER_REGISTRATION
				+ " cold calls per registration through AriaRegistrations.client(name, WebClient.class), "
				+ CALL_CONCURRENCY + " at a time");
		System.out.println();
		System.out.println("| named registrations | calls answered for the right registration | failed calls "
				+ "| token requests | registrations with exactly one | calls took ms "
				+ "| threads the context added (after the calls) | of which | left 3 s after close | of which |");
		System.out.println("|---:|---:|---:|---:|---:|---:|---:|---|---:|---|");
		for (Result result : results) {
			System.out.printf(Locale.ROOT, "| %d | %d of %d | %d | %d | %d | %.0f | %d | %s | %d | %s |%n",
					result.registrations, result.callsAnsweredRight, result.calls, result.failedCalls,
					result.tokenRequests, result.registrationsWithOneTokenRequest, result.callsMillis,
					result.threadsAdded, result.threadGroups, result.threadsLeftAfterClose,
					result.threadGroupsLeftAfterClose);
		}
	}

	// The heap each registration adds between this size and the one before, in KB.
	private static String marginal(Result previous, Result result, boolean afterCalls) {
		if (previous == null) {
			return "-";
		}
		long bytes = afterCalls
				? result.heapAfterCalls - previous.heapAfterCalls
						- (result.heapWithoutRegistrations - previous.heapWithoutRegistrations)
				: result.heapAfterStartup - previous.heapAfterStartup
						- (result.heapWithoutRegistrations - previous.heapWithoutRegistrations);
		return String.format(Locale.ROOT, "%.1f KB",
				kilobytesPer(bytes, result.registrations - previous.registrations));
	}

	private static Result measureInChildJvm(String mode, int registrations, List<String> options)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(CHILD_JVM_OPTIONS);
		command.addAll(options);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ManyRegistrations.class.getName());
		command.add(mode);
		command.add(Integer.toString(registrations));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		Thread watchdog = new Thread(() -> {
			try {
				if (!process.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
			}
		}, "many-registrations-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		Result result = null;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				if (line.startsWith(RESULT + "\t")) {
					result = Result.decode(line.substring(RESULT.length() + 1));
				}
				else {
					System.err.println(line);
				}
			}
		}
		if (process.waitFor() != 0 || result == null) {
			throw new IllegalStateException(
					"the " + mode + " run with " + registrations + " registrations gave no result");
		}
		return result;
	}

	// ---- One size, in this JVM
	// -----------------------------------------------------------------------

	/**
	 * Startup time, and the calls and threads of the first context in this JVM.
	 */
	static void measureRun(Result result) throws Exception {
		int registrations = result.registrations;
		try (FakeAria aria = new FakeAria()) {
			Map<String, Object> properties = properties(registrations, aria);
			Set<Thread> before = liveThreads();

			// The first context of the JVM: cold start, then the calls, then the threads
			// it added.
			long started = System.nanoTime();
			ConfigurableApplicationContext context = start(properties);
			result.firstStartMillis = millisSince(started);
			try {
				started = System.nanoTime();
				call(context, registrations, result);
				result.callsMillis = millisSince(started);
				result.tokenRequests = aria.tokenRequests();
				result.registrationsWithOneTokenRequest = aria.clientsWithOneTokenRequest();
				Map<String, Integer> added = threadsAddedSince(before);
				result.threadsAdded = added.values().stream().mapToInt(Integer::intValue).sum();
				result.threadGroups = describe(added);
			}
			finally {
				context.close();
			}
			Map<String, Integer> left = threadsLeftAfterClose(before);
			result.threadsLeftAfterClose = left.values().stream().mapToInt(Integer::intValue).sum();
			result.threadGroupsLeftAfterClose = describe(left);

			// Startup time: the first start above was the warm-up.
			int runs = (registrations >= 1000) ? 3 : 5;
			double[] millis = new double[runs];
			double[] cpuMillis = new double[runs];
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			for (int i = 0; i < runs; i++) {
				long cpuStarted = threads.getCurrentThreadCpuTime();
				started = System.nanoTime();
				ConfigurableApplicationContext timed = start(properties);
				millis[i] = millisSince(started);
				cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e6;
				timed.close();
			}
			Arrays.sort(millis);
			Arrays.sort(cpuMillis);
			result.startupCpuMedianMillis = cpuMillis[runs / 2];
			result.startupRuns = runs;
			result.startupMinMillis = millis[0];
			result.startupMaxMillis = millis[runs - 1];
			result.startupMedianMillis = millis[runs / 2];
		}
	}

	/**
	 * Used heap after full collections with the same context without aria-auth, then with
	 * the registrations before and after the calls. Run with soft references cleared at
	 * every collection ({@link #HEAP_JVM_OPTIONS}), so that caches the JVM would give
	 * back under pressure are not counted.
	 */
	static void measureHeap(Result result) throws Exception {
		try (FakeAria aria = new FakeAria()) {
			Map<String, Object> properties = properties(result.registrations, aria);
			Map<String, Object> disabled = Map.of("aria.auth.enabled", "false");
			// Class loading and one-time initialisation are not the registrations' heap.
			start(disabled).close();
			try (ConfigurableApplicationContext warmUp = start(properties)) {
				call(warmUp, result.registrations, new Result());
			}
			aria.forget();
			try (ConfigurableApplicationContext empty = start(disabled)) {
				result.heapWithoutRegistrations = usedHeapAfterGc();
			}
			try (ConfigurableApplicationContext context = start(properties)) {
				result.heapAfterStartup = usedHeapAfterGc();
				call(context, result.registrations, result);
				// What the fakes remember of the calls is theirs, not the application's.
				aria.forget();
				result.heapAfterCalls = usedHeapAfterGc();
			}
		}
	}

	private static Map<String, Object> properties(int registrations, FakeAria aria) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (int i = 0; i < registrations; i++) {
			String name = name(i);
			String prefix = "aria.auth.registrations." + name + ".";
			properties.put(prefix + "client-id", FakeAria.clientId(name));
			properties.put(prefix + "client-secret", "secret-" + name);
			properties.put(prefix + "token-uri", aria.tokenUri());
			properties.put(prefix + "api-base-url", aria.apiBaseUrl());
		}
		return properties;
	}

	private static String name(int index) {
		return "r" + index;
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>(properties);
		// aria-auth logs one INFO line per registration; 1000 of them would bury the
		// tables.
		all.put("logging.level.root", "warn");
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(all)
			.run();
	}

	// Every registration's calls come one after the other in the stream, so its five cold
	// calls overlap.
	private static void call(ConfigurableApplicationContext context, int registrations, Result result) {
		AriaRegistrations all = context.getBean(AriaRegistrations.class);
		int calls = registrations * CALLS_PER_REGISTRATION;
		List<Integer> outcomes = Flux.range(0, calls).flatMap((call) -> {
			String name = name(call / CALLS_PER_REGISTRATION);
			return all.client(name, WebClient.class)
				.get()
				.uri("/ping")
				.retrieve()
				.bodyToMono(String.class)
				.map((answer) -> answer.equals(name) ? 1 : 0)
				.onErrorResume((ex) -> Mono.just(-1));
		}, CALL_CONCURRENCY).collectList().block(Duration.ofMinutes(3));
		result.calls = calls;
		result.callsAnsweredRight = (int) outcomes.stream().filter((outcome) -> outcome == 1).count();
		result.failedCalls = (int) outcomes.stream().filter((outcome) -> outcome == -1).count();
	}

	private static double millisSince(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e6;
	}

	/**
	 * Used heap after full collections, the least of five readings (a collection can
	 * leave floating garbage).
	 */
	static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
		}
		return least;
	}

	private static Set<Thread> liveThreads() {
		Set<Thread> threads = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive()) {
				threads.add(thread);
			}
		}
		return threads;
	}

	// Threads started since, by name with the numbers taken out; the fakes' own threads
	// are not the application's.
	private static Map<String, Integer> threadsAddedSince(Set<Thread> before) {
		Map<String, Integer> groups = new TreeMap<>();
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			if (thread.isAlive() && !before.contains(thread) && !FakeAria.owns(thread, stack)) {
				groups.merge(thread.getName().replaceAll("\\d+", "N"), 1, Integer::sum);
			}
		});
		return groups;
	}

	// Idle threads end on their own schedule: give them up to 3 s (and a collection, for
	// JDK clients let go of).
	private static Map<String, Integer> threadsLeftAfterClose(Set<Thread> before) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
		System.gc();
		for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
			Thread thread = entry.getKey();
			if (!before.contains(thread) && !FakeAria.owns(thread, entry.getValue())) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left > 0) {
					thread.join(left);
				}
			}
		}
		return threadsAddedSince(before);
	}

	private static String describe(Map<String, Integer> groups) {
		StringBuilder description = new StringBuilder();
		groups.forEach((name, count) -> description.append((description.length() > 0) ? ", " : "")
			.append(count)
			.append(" ")
			.append(name));
		return description.toString();
	}

	private static double megabytes(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

	private static double kilobytesPer(long bytes, int registrations) {
		return bytes / 1024.0 / registrations;
	}

	/**
	 * An application with what the starter brings (RestClient, WebClient, Reactor Netty,
	 * Jackson), auto-configured.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

	/**
	 * What one size measured; travels from the child JVM as one tab-separated line.
	 */
	static final class Result {

		int registrations;

		double firstStartMillis;

		int startupRuns;

		double startupMedianMillis;

		double startupMinMillis;

		double startupMaxMillis;

		double startupCpuMedianMillis;

		long heapWithoutRegistrations;

		long heapAfterStartup;

		long heapAfterCalls;

		int calls;

		int callsAnsweredRight;

		int failedCalls;

		double callsMillis;

		int tokenRequests;

		int registrationsWithOneTokenRequest;

		int threadsAdded;

		String threadGroups = "";

		int threadsLeftAfterClose;

		String threadGroupsLeftAfterClose = "";

		String encode() {
			return String.join("\t", Integer.toString(this.registrations), Double.toString(this.firstStartMillis),
					Integer.toString(this.startupRuns), Double.toString(this.startupMedianMillis),
					Double.toString(this.startupMinMillis), Double.toString(this.startupMaxMillis),
					Double.toString(this.startupCpuMedianMillis), Long.toString(this.heapWithoutRegistrations),
					Long.toString(this.heapAfterStartup), Long.toString(this.heapAfterCalls),
					Integer.toString(this.calls), Integer.toString(this.callsAnsweredRight),
					Integer.toString(this.failedCalls), Double.toString(this.callsMillis),
					Integer.toString(this.tokenRequests), Integer.toString(this.registrationsWithOneTokenRequest),
					Integer.toString(this.threadsAdded), this.threadGroups,
					Integer.toString(this.threadsLeftAfterClose), this.threadGroupsLeftAfterClose);
		}

		static Result decode(String line) {
			String[] fields = line.split("\t", -1);
			Result result = new Result();
			int i = 0;
			result.registrations = Integer.parseInt(fields[i++]);
			result.firstStartMillis = Double.parseDouble(fields[i++]);
			result.startupRuns = Integer.parseInt(fields[i++]);
			result.startupMedianMillis = Double.parseDouble(fields[i++]);
			result.startupMinMillis = Double.parseDouble(fields[i++]);
			result.startupMaxMillis = Double.parseDouble(fields[i++]);
			result.startupCpuMedianMillis = Double.parseDouble(fields[i++]);
			result.heapWithoutRegistrations = Long.parseLong(fields[i++]);
			result.heapAfterStartup = Long.parseLong(fields[i++]);
			result.heapAfterCalls = Long.parseLong(fields[i++]);
			result.calls = Integer.parseInt(fields[i++]);
			result.callsAnsweredRight = Integer.parseInt(fields[i++]);
			result.failedCalls = Integer.parseInt(fields[i++]);
			result.callsMillis = Double.parseDouble(fields[i++]);
			result.tokenRequests = Integer.parseInt(fields[i++]);
			result.registrationsWithOneTokenRequest = Integer.parseInt(fields[i++]);
			result.threadsAdded = Integer.parseInt(fields[i++]);
			result.threadGroups = fields[i++];
			result.threadsLeftAfterClose = Integer.parseInt(fields[i++]);
			result.threadGroupsLeftAfterClose = fields[i];
			return result;
		}

	}

}
