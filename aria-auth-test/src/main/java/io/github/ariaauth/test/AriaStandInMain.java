package io.github.ariaauth.test;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link AriaStandIn} from the command line until the process is stopped,
 * printing the {@code aria.auth.*} settings that point an application at it, as YAML and
 * as properties.
 * <p>
 * The only argument is the port, {@value #DEFAULT_PORT} by default. From a project that
 * has {@code aria-auth-test} as a test dependency:
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
	 * @param args the port, optional
	 * @throws InterruptedException if the main thread is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		AriaStandIn standIn = start(args, System.out);
		Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "aria-stand-in-shutdown"));
		new CountDownLatch(1).await();
	}

	static AriaStandIn start(String[] args, PrintStream out) {
		if (args.length > 1) {
			throw new IllegalArgumentException("Expected at most one argument, the port");
		}
		int port = DEFAULT_PORT;
		if (args.length == 1) {
			try {
				port = Integer.parseInt(args[0]);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("The port must be a number, not '" + args[0] + "'", ex);
			}
		}
		AriaStandIn standIn = new AriaStandIn().start(port);
		out.println("Aria stand-in running at " + standIn.apiBaseUrl() + " (test credentials only, stop with Ctrl+C)");
		out.println();
		out.println("# application.yml");
		out.println("aria:");
		out.println("  auth:");
		out.println("    token-uri: " + standIn.tokenUri());
		out.println("    api-base-url: " + standIn.apiBaseUrl());
		out.println("    client-id: " + standIn.clientId());
		out.println("    client-secret: " + standIn.clientSecret());
		out.println();
		out.println("# application.properties");
		out.println(AriaStandInProperties.TOKEN_URI + "=" + standIn.tokenUri());
		out.println(AriaStandInProperties.API_BASE_URL + "=" + standIn.apiBaseUrl());
		out.println(AriaStandInProperties.CLIENT_ID + "=" + standIn.clientId());
		out.println(AriaStandInProperties.CLIENT_SECRET + "=" + standIn.clientSecret());
		out.println();
		out.println("Tokens carry client_no " + standIn.clientNo() + ", account_no " + standIn.accountNo()
				+ "; JWK Set: " + standIn.jwkSetUri());
		return standIn;
	}

}
