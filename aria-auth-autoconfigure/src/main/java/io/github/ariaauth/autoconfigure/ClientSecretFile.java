package io.github.ariaauth.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.github.ariaauth.AriaClientCredentials;
import io.github.ariaauth.AriaClientCredentialsProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A client secret kept in a file ({@code client-secret-file}), read again when the file
 * changes and whenever the token endpoint rejects the secret.
 * <p>
 * A change is noticed by polling, not by a {@code WatchService}: before a token request,
 * at most once per {@link #CHECK_INTERVAL}, the path is resolved to its real file and
 * that file's identity, size and modification time are compared with the last read. A
 * Kubernetes secret volume swaps the {@code ..data} symlink to a new directory, so the
 * real path changes even when a watch on the file itself would see nothing, and polling
 * needs no thread and works on file systems where watching degrades to slow polling or
 * misses events (network volumes, container overlays). Token requests are rare, so the
 * few system calls cost nothing that matters.
 * <p>
 * A file that turns unreadable or empty after startup keeps the last good secret in use,
 * said once at WARN until the file is readable again.
 */
final class ClientSecretFile implements AriaClientCredentialsProvider {

	/**
	 * How often the file is looked at, at most, unless the secret was rejected.
	 */
	static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(ClientSecretFile.class);

	private final String property;

	private final Path path;

	private final Clock clock;

	private volatile Read last;

	private volatile long nextCheckMillis;

	private boolean warned;

	private ClientSecretFile(String property, Path path, Clock clock, Read first) {
		this.property = property;
		this.path = path;
		this.clock = clock;
		this.last = first;
		this.nextCheckMillis = clock.millis() + CHECK_INTERVAL.toMillis();
	}

	/**
	 * Read the secret file named by {@code property}, failing startup when it cannot.
	 * @throws AriaAuthConfigurationException for a missing, unreadable or empty file
	 */
	static ClientSecretFile open(String property, String file, Clock clock) {
		Path path = Path.of(file.trim());
		try {
			return new ClientSecretFile(property, path, clock, read(path));
		}
		catch (IOException | RuntimeException ex) {
			throw new AriaAuthConfigurationException(property, "'" + file.trim() + "'",
					"a readable file holding the client secret (" + problem(ex) + ")");
		}
	}

	/**
	 * The secret read last, without looking at the file.
	 */
	AriaClientCredentials current() {
		return this.last.credentials;
	}

	@Override
	public AriaClientCredentials getCredentials(String registrationId) {
		if (this.clock.millis() >= this.nextCheckMillis) {
			check(registrationId, false);
		}
		return this.last.credentials;
	}

	@Override
	public void credentialsRejected(String registrationId, AriaClientCredentials rejected) {
		// Read in full: a file rewritten in place within the resolution of its
		// modification time looks unchanged.
		check(registrationId, true);
	}

	private synchronized void check(String registrationId, boolean force) {
		long now = this.clock.millis();
		if (!force && now < this.nextCheckMillis) {
			return;
		}
		this.nextCheckMillis = now + CHECK_INTERVAL.toMillis();
		try {
			Read previous = this.last;
			if (!force && previous.stamp.equals(Stamp.of(this.path))) {
				return;
			}
			Read read = read(this.path);
			this.last = read;
			if (this.warned) {
				this.warned = false;
				logger.info(registrationId + ": " + this.property + " " + this.path + " is readable again");
			}
			if (!read.credentials.equals(previous.credentials)) {
				logger.info(registrationId + ": read a new client secret from " + this.property + " " + this.path);
			}
		}
		catch (IOException | RuntimeException ex) {
			if (!this.warned) {
				this.warned = true;
				logger.warn(registrationId + ": cannot read the client secret from " + this.property + " " + this.path
						+ " (" + problem(ex) + "); keeping the secret read last until the file is readable again");
			}
		}
	}

	private static Read read(Path path) throws IOException {
		Stamp stamp = Stamp.of(path);
		if (!Files.isRegularFile(stamp.realPath)) {
			throw new IOException("not a regular file");
		}
		String secret = Files.readString(stamp.realPath, StandardCharsets.UTF_8);
		if (secret.isBlank()) {
			throw new IOException("the file is empty");
		}
		return new Read(AriaClientCredentials.clientSecret(secret), stamp);
	}

	// File system messages name the path and the problem, never the content.
	private static String problem(Exception ex) {
		if (ex instanceof java.nio.file.NoSuchFileException) {
			return "no such file";
		}
		if (ex instanceof java.nio.file.AccessDeniedException) {
			return "permission denied";
		}
		if (ex instanceof java.nio.charset.CharacterCodingException) {
			return "not UTF-8 text";
		}
		String message = ex.getMessage();
		return (ex instanceof IOException && message != null && !(ex instanceof java.nio.file.FileSystemException))
				? message : ex.getClass().getSimpleName();
	}

	/**
	 * The secret and the file it was read from.
	 */
	private record Read(AriaClientCredentials credentials, Stamp stamp) {
	}

	/**
	 * What tells one version of the file from another: a swapped symlink changes the real
	 * path, an atomic replacement the file key, a rewrite the size or modification time.
	 */
	private record Stamp(Path realPath, @Nullable Object fileKey, long size, long modifiedMillis) {

		static Stamp of(Path path) throws IOException {
			Path real = path.toRealPath();
			BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
			return new Stamp(real, attributes.fileKey(), attributes.size(), attributes.lastModifiedTime().toMillis());
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Stamp that && this.realPath.equals(that.realPath)
					&& Objects.equals(this.fileKey, that.fileKey) && this.size == that.size
					&& this.modifiedMillis == that.modifiedMillis;
		}

		@Override
		public int hashCode() {
			return this.realPath.hashCode();
		}

	}

}
