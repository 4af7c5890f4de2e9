package io.github.ariaauth.keycloak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Starts one Keycloak for the whole test run and hands it to tests as a
 * {@link KeycloakServer} parameter.
 * <p>
 * The first test class that needs it starts it; the end of the run (the root context's
 * store closing) stops it. A {@link BillieResourceServer} parameter (of a test or of a
 * {@code @BeforeEach} method) is an API stand-in that trusts this Keycloak, one per test,
 * closed after it. Without a JDK 21+ the tests are skipped with a message saying so,
 * except on CI, where that fails them.
 */
final class KeycloakExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver, TestWatcher {

	private static final Namespace NAMESPACE = Namespace.create(KeycloakExtension.class);

	private static final Optional<Path> JDK = KeycloakJdk.find();

	private static final String NO_JDK = "Keycloak interop tests need a JDK " + KeycloakJdk.MINIMUM_FEATURE
			+ " or newer to run Keycloak and found none (looked at " + KeycloakJdk.WHERE + "); set KEYCLOAK_JAVA_HOME";

	private static volatile boolean toldNoJdk;

	/**
	 * Skips the tests, each with the reason, where no JDK can run Keycloak; fails them on
	 * CI (the CI variable is true), which must have one.
	 */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (JDK.isPresent()) {
			return ConditionEvaluationResult.enabled("Keycloak runs on the JDK at " + JDK.get());
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(NO_JDK + ". CI must provide one.");
		}
		if (!toldNoJdk) {
			toldNoJdk = true;
			System.err.println("SKIPPED: " + NO_JDK);
		}
		return ConditionEvaluationResult.disabled(NO_JDK);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == KeycloakServer.class || type == BillieResourceServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (parameterContext.getParameter().getType() == BillieResourceServer.class) {
			// In the test's own store: closed when the test ends.
			return extensionContext.getStore(NAMESPACE)
				.computeIfAbsent(BillieResourceServer.class,
						(key) -> new BillieResourceServer(server(extensionContext)), BillieResourceServer.class);
		}
		return server(extensionContext);
	}

	@Override
	public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
		Launch launch = context.getRoot().getStore(NAMESPACE).get(Launch.class, Launch.class);
		if (launch != null && launch.server != null) {
			System.err.println(context.getDisplayName() + " failed; Keycloak said:\n" + launch.server.logTail(40));
		}
	}

	private static KeycloakServer server(ExtensionContext context) {
		Launch launch = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Launch.class, (key) -> Launch.start(), Launch.class);
		if (launch.server == null) {
			// Every class fails with the reason of the one start, instead of waiting for
			// Keycloak again.
			throw new IllegalStateException("Keycloak could not be started in this run", launch.failure);
		}
		return launch.server;
	}

	private static Path keycloakHome() {
		String home = System.getProperty("keycloak.home");
		if (home == null || !Files.isDirectory(Path.of(home, "bin"))) {
			throw new IllegalStateException("No Keycloak distribution at keycloak.home=" + home + "; run the tests "
					+ "through Maven (./mvnw -pl aria-auth-keycloak-tests -am verify), which unpacks it");
		}
		return Path.of(home);
	}

	/**
	 * The Keycloak of this run, or why there is none; closed (Keycloak stopped) when the
	 * run ends.
	 */
	private static final class Launch implements AutoCloseable {

		private final @Nullable KeycloakServer server;

		private final @Nullable RuntimeException failure;

		private Launch(@Nullable KeycloakServer server, @Nullable RuntimeException failure) {
			this.server = server;
			this.failure = failure;
		}

		static Launch start() {
			Path jdk = JDK.orElseThrow(() -> new IllegalStateException(NO_JDK));
			Path home = keycloakHome();
			Path logs = Path.of(System.getProperty("keycloak.logs", home.getParent().resolve("logs").toString()));
			Duration timeout = Duration.parse(System.getProperty("keycloak.start-timeout", "PT4M"));
			PreparedKeycloak prepared = PreparedKeycloak.under(System.getProperty("keycloak.cache", "none"),
					KeycloakServer.versionOf(home));
			KeycloakServer server = new KeycloakServer(home, jdk, logs, timeout, prepared);
			try {
				System.out.println("Starting Keycloak " + server.version() + " with the JDK at " + jdk);
				server.start();
				return new Launch(server, null);
			}
			catch (RuntimeException ex) {
				server.close();
				return new Launch(null, ex);
			}
		}

		@Override
		public void close() {
			if (this.server != null) {
				this.server.close();
			}
		}

	}

}
