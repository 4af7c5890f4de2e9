package io.github.ariaauth.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A port on loopback that takes no more connections: its accept queue is full and it
 * never accepts, so a new connection neither opens nor is refused, and only the connect
 * timeout ends the attempt.
 */
final class UnansweredConnections implements AutoCloseable {

	private final ServerSocket server;

	private final List<Socket> queued = new ArrayList<>();

	private UnansweredConnections(ServerSocket server) {
		this.server = server;
	}

	static UnansweredConnections open() {
		try {
			UnansweredConnections connections = new UnansweredConnections(
					new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			connections.fillAcceptQueue();
			return connections;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.server.getLocalPort();
	}

	private void fillAcceptQueue() throws IOException {
		for (int i = 0; i < 50; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(this.server.getInetAddress(), port()), 200);
				this.queued.add(socket);
			}
			catch (SocketTimeoutException ex) {
				socket.close();
				return;
			}
		}
		close();
		throw new IllegalStateException("The accept queue of a loopback server socket never filled up, so this "
				+ "machine's TCP stack cannot stage an unanswered connection");
	}

	@Override
	public void close() {
		for (Socket socket : this.queued) {
			closeQuietly(socket);
		}
		closeQuietly(this.server);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Closing a test socket that is already gone.
		}
	}

}
