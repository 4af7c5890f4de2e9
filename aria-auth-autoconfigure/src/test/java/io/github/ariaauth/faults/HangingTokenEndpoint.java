package io.github.ariaauth.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint on loopback that accepts every connection, reads the request line and
 * never answers, the way a token host in a regional incident behaves. It counts, per
 * request path, how many requests are open at once, so a test can check that each
 * registration keeps at most one.
 */
final class HangingTokenEndpoint implements AutoCloseable {

	private final ServerSocket server;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> maxOpen = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final Thread acceptor;

	HangingTokenEndpoint() throws IOException {
		this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "hanging-token-endpoint");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getLocalPort() + path;
	}

	int requests() {
		return this.requests.get();
	}

	/**
	 * The most requests that were open at once for any one path.
	 */
	int maxOpenPerPath() {
		return this.maxOpen.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.sockets.add(socket);
				Thread reader = new Thread(() -> hold(socket), "hanging-token-endpoint-connection");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	// One request per connection is all a token client sends before it gives up and
	// closes: the request is open from its request line until the client closes.
	private void hold(Socket socket) {
		String path = null;
		try (socket) {
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			String requestLine = reader.readLine();
			if (requestLine == null) {
				return;
			}
			this.requests.incrementAndGet();
			path = requestLine.split(" ")[1];
			int now = this.open.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			this.maxOpen.computeIfAbsent(path, (key) -> new AtomicInteger()).accumulateAndGet(now, Math::max);
			while (reader.read() != -1) {
				// Read until the client closes the connection.
			}
		}
		catch (IOException ex) {
			// The client went away.
		}
		finally {
			if (path != null) {
				this.open.get(path).decrementAndGet();
			}
			this.sockets.remove(socket);
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
