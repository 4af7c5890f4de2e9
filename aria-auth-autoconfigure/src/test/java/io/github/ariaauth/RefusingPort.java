package io.github.ariaauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections: a socket is bound to it but never listens.
 * Unlike a port found free and then left alone, it cannot be handed to another socket (an
 * ephemeral port of some connection, say) while held.
 */
public final class RefusingPort implements AutoCloseable {

	private final Socket socket = new Socket();

	private RefusingPort(int port) {
		try {
			// A server that just closed on this port leaves connections in TIME_WAIT
			// behind.
			this.socket.setReuseAddress(true);
			this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Hold a port the system picks.
	 * @return the held port
	 */
	public static RefusingPort open() {
		return new RefusingPort(0);
	}

	/**
	 * Hold the given port, which must not be listening.
	 * @param port the port
	 * @return the held port
	 */
	public static RefusingPort at(int port) {
		return new RefusingPort(port);
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
