package io.github.ariaauth.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak, run from its distribution in dev mode on a loopback port, with realm
 * {@code aria} imported.
 * <p>
 * Keycloak binds port 0 itself and logs the port it got. A free port picked here would
 * not be reserved: in the minute Keycloak takes to start, another process on the machine
 * may be given it (seen on a busy machine). A restart binds the same port again, as the
 * application under test keeps its token URI.
 * <p>
 * Keycloak is a separate process (it needs Java 21 or newer, the tests run on 17). It is
 * killed, with its children, by {@link #stop()}, by a shutdown hook when the test JVM
 * exits, and by a watchdog process when the test JVM dies without running its hooks.
 * <p>
 * A first start from the bare distribution spends most of its time building Keycloak for
 * dev mode, creating the database and importing the realm. What that leaves behind (the
 * build in {@code lib/quarkus} and the database with the realm) can be kept in a
 * {@link PreparedKeycloak} outside the build directory: later starts, in this clone or a
 * fresh one, begin from it and take seconds.
 */
final class KeycloakServer implements AutoCloseable {

	static final String REALM = "aria";

	/** How Keycloak is started, the port aside. */
	static final List<String> OPTIONS = List.of("start-dev", "--http-host=127.0.0.1", "--db=dev-file",
			"--import-realm");

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	private static final Pattern LISTENING = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path home;

	private final Path javaHome;

	private final Path logDirectory;

	private final Duration startTimeout;

	private final @Nullable PreparedKeycloak prepared;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Thread shutdownHook = new Thread(this::stop, "keycloak-shutdown");

	private volatile int port;

	// Volatile, not guarded: the shutdown hook must be able to stop Keycloak while a
	// start is waiting for it.
	private volatile @Nullable Process process;

	private volatile @Nullable Process watchdog;

	private volatile @Nullable Path log;

	private int starts;

	private Duration lastStartTime = Duration.ZERO;

	KeycloakServer(Path home, Path javaHome, Path logDirectory, Duration startTimeout,
			@Nullable PreparedKeycloak prepared) {
		this.home = home;
		this.javaHome = javaHome;
		this.logDirectory = logDirectory;
		this.startTimeout = startTimeout;
		this.prepared = prepared;
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Start Keycloak with a database that holds only the imported realm (its dev-file H2
	 * database is kept across {@link #restart()}): the prepared one if there is one, else
	 * a new one, which is then kept as the prepared one for later runs.
	 */
	synchronized void start() {
		deleteRecursively(this.home.resolve("data/h2"));
		copyRealm();
		if (this.prepared != null && this.prepared.restoreInto(this.home)) {
			System.out.println("Keycloak starts from the prepared copy at " + this.prepared.directory());
			launch(0);
			return;
		}
		launch(0);
		if (this.prepared != null) {
			// The database files are consistent only while Keycloak is down.
			stop();
			this.prepared.saveFrom(this.home);
			launch(this.port);
		}
	}

	/**
	 * Start Keycloak again after {@link #stop()}, on the same port and with the same
	 * database, as an operator restarting it would.
	 */
	synchronized void restart() {
		if (this.port == 0) {
			throw new IllegalStateException("Keycloak was never started");
		}
		launch(this.port);
	}

	/**
	 * Stop Keycloak and wait for it (and its children) to be gone.
	 */
	void stop() {
		stop(false);
	}

	/**
	 * End Keycloak at once, as a crash or a pulled plug would (its token endpoint is gone
	 * the moment this returns, however long a shutdown would take on a busy machine), and
	 * wait for it to be gone.
	 */
	void kill() {
		stop(true);
	}

	private void stop(boolean forcibly) {
		Process running = this.process;
		if (running == null) {
			return;
		}
		// Listed while the parent lives: once it is gone, its children are no longer its
		// descendants.
		List<ProcessHandle> tree = new ArrayList<>(running.descendants().toList());
		tree.add(running.toHandle());
		tree.forEach(forcibly ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
		try {
			if (!running.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				System.err.println("Keycloak did not stop within " + STOP_TIMEOUT + "; killing it");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		tree.forEach((handle) -> handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally((ex) -> handle).join());
		this.process = null;
		stopWatchdog();
	}

	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down and runs the hook itself
		}
	}

	boolean isRunning() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	URI baseUri() {
		if (this.port == 0) {
			throw new IllegalStateException("Keycloak has not started yet");
		}
		return URI.create("http://127.0.0.1:" + this.port);
	}

	String issuer() {
		return baseUri() + "/realms/" + REALM;
	}

	URI tokenUri() {
		return URI.create(issuer() + "/protocol/openid-connect/token");
	}

	URI jwkSetUri() {
		return URI.create(issuer() + "/protocol/openid-connect/certs");
	}

	String version() {
		return versionOf(this.home);
	}

	static String versionOf(Path home) {
		try {
			// "Keycloak - Version 26.7.3"
			String text = Files.readString(home.resolve("version.txt")).trim();
			return text.substring(text.lastIndexOf(' ') + 1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Duration lastStartTime() {
		return this.lastStartTime;
	}

	/**
	 * The last lines of the current (or last) Keycloak log, to explain a failure.
	 */
	String logTail(int lines) {
		Path current = this.log;
		if (current == null || !Files.isRegularFile(current)) {
			return "(no Keycloak log yet)";
		}
		try {
			List<String> all = Files.readAllLines(current, StandardCharsets.UTF_8);
			return "---- last " + lines + " lines of " + current + "\n"
					+ String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(Keycloak log " + current + " unreadable: " + ex + ")";
		}
	}

	private void launch(int httpPort) {
		if (isRunning()) {
			throw new IllegalStateException("Keycloak is already running");
		}
		this.starts++;
		Path logFile = this.logDirectory.resolve("keycloak-" + this.starts + ".log");
		this.log = logFile;
		List<String> command = new ArrayList<>();
		boolean ownSession = Files.isExecutable(SETSID);
		if (ownSession) {
			// Its own process group, so that the watchdog can end kc.sh and Keycloak's
			// JVM together.
			command.add(SETSID.toString());
		}
		command.add(this.home.resolve("bin/kc.sh").toString());
		command.addAll(OPTIONS);
		command.add("--http-port=" + httpPort);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(logFile.toFile());
		Map<String, String> environment = builder.environment();
		// kc.sh takes these wholesale from the environment; a developer's own settings
		// must not leak in.
		environment.keySet().removeIf((name) -> name.startsWith("KC_") || name.startsWith("QUARKUS_"));
		environment.remove("JAVA");
		environment.remove("JAVA_OPTS");
		environment.put("JAVA_HOME", this.javaHome.toString());
		// C1 only: starts in about two thirds of the time on a small machine, and a test
		// run is short.
		environment.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
		long started = System.nanoTime();
		try {
			Files.createDirectories(this.logDirectory);
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
		if (ownSession) {
			startWatchdog(this.process.pid());
		}
		awaitReady(started);
	}

	private void awaitReady(long started) {
		long deadline = started + this.startTimeout.toNanos();
		while (System.nanoTime() < deadline) {
			Process running = this.process;
			if (running == null || !running.isAlive()) {
				throw new IllegalStateException("Keycloak exited while starting (exit code "
						+ ((running != null) ? running.exitValue() : "unknown") + ")\n" + logTail(60));
			}
			Integer listening = listeningPort();
			if (listening != null && this.port == 0) {
				this.port = listening;
			}
			if (listening != null && servesRealm()) {
				this.lastStartTime = Duration.ofNanos(System.nanoTime() - started);
				System.out.println("Keycloak " + version() + " ready at " + baseUri() + " after "
						+ this.lastStartTime.toMillis() + " ms (log: " + this.log + ")");
				return;
			}
			pause(POLL_INTERVAL);
		}
		String tail = logTail(60);
		stop();
		throw new IllegalStateException("Keycloak was not ready within " + this.startTimeout
				+ " (set -Dkeycloak.start-timeout=PT5M on a slow machine)\n" + tail);
	}

	/**
	 * The port of Keycloak's "Listening on: http://127.0.0.1:PORT" line in the current
	 * log, once it is there.
	 */
	private @Nullable Integer listeningPort() {
		Path current = this.log;
		if (current == null) {
			return null;
		}
		try {
			Matcher matcher = LISTENING.matcher(Files.readString(current, StandardCharsets.UTF_8));
			return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
		}
		catch (IOException | UncheckedIOException ex) {
			return null;
		}
	}

	/**
	 * Whether the realm's discovery document answers, from this Keycloak: its issuer
	 * names this port.
	 */
	private boolean servesRealm() {
		URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
		try {
			HttpRequest request = HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).GET().build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200
					&& issuer().equals(JSON.readTree(response.body()).path("issuer").asString(null));
		}
		catch (IOException | JacksonException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Keycloak", ex);
		}
	}

	/**
	 * A shell that waits for its standard input to close, which happens when we stop
	 * Keycloak and also when the test JVM dies, however it dies, then ends Keycloak's
	 * process group.
	 */
	private void startWatchdog(long processGroup) {
		// No "--" before the negative process group id: dash's kill rejects it.
		String group = "-" + processGroup;
		String script = "while read -r _; do :; done; kill -TERM " + group + " 2>/dev/null; i=0; " + "while kill -0 "
				+ group + " 2>/dev/null && [ $i -lt 60 ]; do sleep 0.5; i=$((i+1)); done; " + "kill -KILL " + group
				+ " 2>/dev/null; exit 0";
		try {
			this.watchdog = new ProcessBuilder("/bin/sh", "-c", script).redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			System.err.println("No watchdog for Keycloak (" + ex + "); it is still stopped at the end of the run");
		}
	}

	private void stopWatchdog() {
		Process current = this.watchdog;
		if (current == null) {
			return;
		}
		try {
			current.getOutputStream().close();
			if (!current.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				current.destroyForcibly();
			}
		}
		catch (IOException ex) {
			current.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			current.destroyForcibly();
		}
		this.watchdog = null;
	}

	private void copyRealm() {
		Path imports = this.home.resolve("data/import");
		try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/aria-realm.json")) {
			if (realm == null) {
				throw new IllegalStateException("keycloak/aria-realm.json is not on the test class path");
			}
			Files.createDirectories(imports);
			Files.copy(realm, imports.resolve("aria-realm.json"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path directory) {
		PreparedKeycloak.deleteRecursively(directory);
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Keycloak", ex);
		}
	}

}
