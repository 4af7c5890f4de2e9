package io.github.ariaauth.test;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link AriaStandIn} from the command line until the process is stopped.
 * <p>
 * The only argument is the port, {@value #DEFAULT_PORT} by default.
 */
public final class AriaStandInMain {

	static final int DEFAULT_PORT = 8089;

	private AriaStandInMain() {
	}

	/**
	 * Start the stand-in, print where it listens and its test credentials, and wait until stopped.
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
		out.println("Aria stand-in running (test credentials only, stop with Ctrl+C)");
		out.println("aria.auth.token-uri=" + standIn.tokenUri());
		out.println("aria.auth.api-base-url=" + standIn.apiBaseUrl());
		out.println("aria.auth.client-id=" + standIn.clientId());
		out.println("aria.auth.client-secret=" + standIn.clientSecret());
		out.println("client_no=" + standIn.clientNo() + ", account_no=" + standIn.accountNo());
		out.println("JWK Set: " + standIn.jwkSetUri());
		return standIn;
	}

}
