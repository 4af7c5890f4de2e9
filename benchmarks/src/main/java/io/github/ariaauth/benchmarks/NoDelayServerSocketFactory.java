package io.github.ariaauth.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted connections have {@code TCP_NODELAY} set. MockWebServer
 * writes a response's headers and body separately; with Nagle's algorithm and the
 * client's delayed ACK, every request would take about 40 ms on loopback and the
 * end-to-end figure would measure that instead of the client.
 */
final class NoDelayServerSocketFactory extends ServerSocketFactory {

	@Override
	public ServerSocket createServerSocket() throws IOException {
		return new NoDelayServerSocket();
	}

	@Override
	public ServerSocket createServerSocket(int port) throws IOException {
		ServerSocket socket = new NoDelayServerSocket();
		socket.bind(new java.net.InetSocketAddress(port));
		return socket;
	}

	@Override
	public ServerSocket createServerSocket(int port, int backlog) throws IOException {
		ServerSocket socket = new NoDelayServerSocket();
		socket.bind(new java.net.InetSocketAddress(port), backlog);
		return socket;
	}

	@Override
	public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
		ServerSocket socket = new NoDelayServerSocket();
		socket.bind(new java.net.InetSocketAddress(address, port), backlog);
		return socket;
	}

	private static final class NoDelayServerSocket extends ServerSocket {

		NoDelayServerSocket() throws IOException {
		}

		@Override
		public Socket accept() throws IOException {
			Socket socket = new Socket();
			implAccept(socket);
			socket.setTcpNoDelay(true);
			return socket;
		}

	}

}
