package io.github.ariaauth.keycloak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A directory laid out like a Kubernetes secret volume: the file is a symlink through
 * {@code ..data} to a timestamped directory, and an update points {@code ..data} at a new
 * directory in one atomic rename, then removes the old one, as the kubelet does.
 */
final class SecretVolume {

	private static final String NAME = "client-secret";

	private final Path root;

	private int version;

	SecretVolume(Path root, String secret) throws IOException {
		this.root = root;
		Path data = writeVersion(secret);
		Files.createSymbolicLink(root.resolve("..data"), data.getFileName());
		Files.createSymbolicLink(root.resolve(NAME), Path.of("..data", NAME));
	}

	/**
	 * The path to give {@code client-secret-file}.
	 */
	Path file() {
		return this.root.resolve(NAME);
	}

	void update(String secret) throws IOException {
		Path old = this.root.resolve("..data").toRealPath();
		Path data = writeVersion(secret);
		Path next = this.root.resolve("..data_tmp");
		Files.createSymbolicLink(next, data.getFileName());
		Files.move(next, this.root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
		Files.delete(old.resolve(NAME));
		Files.delete(old);
	}

	private Path writeVersion(String secret) throws IOException {
		Path data = Files.createDirectory(this.root.resolve("..2026_12_07_v" + (++this.version)));
		// A trailing newline, as a secret written by hand or by a tool often has.
		Files.writeString(data.resolve(NAME), secret + "\n", StandardCharsets.UTF_8);
		return data;
	}

}
