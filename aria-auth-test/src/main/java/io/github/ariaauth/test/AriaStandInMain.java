package io.github.ariaauth.test;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link AriaStandIn} from the command line until the process is stopped,
 * printing the {@code aria.auth.*} settings that point an application at it, as YAML and
 * as properties.
 * <p>
 * Arguments, all optional: the port ({@value #DEFAULT_PORT} by default),
 * {@code --registration=<name>} to print the settings of a named registration
 * ({@code aria.auth.registrations.<name>.*}) and {@code --client-no=<number>} for the
 * client number its tokens carry. Run one per service account, each on its own port, so
 * that each account answers as its own client. From a project that has
 * {@code aria-auth-test} as a test dependency:
 * {@code mvn exec:java -Dexec.mainClass=io.github.ariaauth.test.AriaStandInMain -Dexec.classpathScope=test}.
 *
 * @since 0.1.0
 */
public final class AriaStandInMain {

	static final int DEFAULT_PORT = 8089;

	private AriaStandInMain() {
	}

	/**
	 * Start the stand-in, print where it listens and its test credentials, and wait until
	 * stopped.
	 * @param args the port, {@code --registration=<name>}, {@code --client-no=<number>},
	 * each optional
	 * @throws InterruptedException if the main thread is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		AriaStandIn standIn = start(args, System.out);
		Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "aria-stand-in-shutdown"));
		new CountDownLatch(1).await();
	}

	static AriaStandIn start(String[] args, PrintStream out) {
		int port = DEFAULT_PORT;
		String registration = AriaStandInProperties.DEFAULT_REGISTRATION;
		AriaStandIn.Builder builder = AriaStandIn.builder();
		boolean portGiven = false;
		for (String arg : args) {
			if (arg.startsWith("--registration=")) {
				registration = AriaStandInProperties.checkRegistration(arg.substring("--registration=".length()));
			}
			else if (arg.startsWith("--client-no=")) {
				builder.clientNo(arg.substring("--client-no=".length()));
			}
			else if (arg.startsWith("--") || portGiven) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'; expected the port, "
						+ "--registration=<name> and --client-no=<number>, each at most once");
			}
			else {
				port = port(arg);
				portGiven = true;
			}
		}
		AriaStandIn standIn = builder.build().start(port);
		print(standIn, registration, out);
		return standIn;
	}

	private static int port(String arg) {
		try {
			return Integer.parseInt(arg);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("The port must be a number, not '" + arg + "'", ex);
		}
	}

	private static void print(AriaStandIn standIn, String registration, PrintStream out) {
		boolean named = !AriaStandInProperties.DEFAULT_REGISTRATION.equals(registration);
		String indent = named ? "        " : "    ";
		out.println("Aria stand-in running at " + standIn.apiBaseUrl() + " for registration '" + registration
				+ "' (test credentials only, stop with Ctrl+C)");
		out.println();
		out.println("# application.yml");
		out.println("aria:");
		out.println("  auth:");
		if (named) {
			out.println("    registrations:");
			out.println("      " + registration + ":");
		}
		out.println(indent + "token-uri: " + standIn.tokenUri());
		out.println(indent + "api-base-url: " + standIn.apiBaseUrl());
		out.println(indent + "client-id: " + standIn.clientId());
		out.println(indent + "client-secret: " + standIn.clientSecret());
		out.println();
		out.println("# application.properties");
		String prefix = AriaStandInProperties.prefix(registration);
		out.println(prefix + "token-uri=" + standIn.tokenUri());
		out.println(prefix + "api-base-url=" + standIn.apiBaseUrl());
		out.println(prefix + "client-id=" + standIn.clientId());
		out.println(prefix + "client-secret=" + standIn.clientSecret());
		out.println();
		out.println("Tokens carry client_no " + standIn.clientNo() + ", account_no " + standIn.accountNo()
				+ "; JWK Set: " + standIn.jwkSetUri());
	}

}
