package io.github.ariaauth.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * What a first Keycloak start leaves behind and every later start can begin from: the
 * dev-mode build ({@code lib/quarkus}) and the database with realm {@code aria} imported
 * ({@code data/h2}), kept in a directory outside the build (by default under
 * {@code ~/.cache/aria-auth/keycloak}) so that it outlives {@code clean} and a fresh
 * clone.
 * <p>
 * The directory's name holds the Keycloak version and a digest of the realm file and of
 * how Keycloak is started, so a change to either prepares a new copy instead of using a
 * stale one. A copy is written under a temporary name and renamed when complete; once
 * there it is never changed, so builds running at the same time can share it.
 */
final class PreparedKeycloak {

	private static final List<String> PARTS = List.of("lib/quarkus", "data/h2");

	private final Path directory;

	private PreparedKeycloak(Path directory) {
		this.directory = directory;
	}

	/**
	 * The prepared copy for this Keycloak version and realm under {@code cache}, or
	 * {@code null} when {@code cache} is {@code none} (every start then begins from the
	 * bare distribution).
	 */
	static @Nullable PreparedKeycloak under(String cache, String version) {
		if (cache.isBlank() || "none".equals(cache)) {
			return null;
		}
		return new PreparedKeycloak(Path.of(cache).resolve(version + "-" + digest()));
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * Copy the prepared build and database into {@code home}, if there is a prepared
	 * copy.
	 * @return whether there was one
	 */
	boolean restoreInto(Path home) {
		if (!Files.isDirectory(this.directory)) {
			return false;
		}
		for (String part : PARTS) {
			replace(this.directory.resolve(part), home.resolve(part));
		}
		return true;
	}

	/**
	 * Keep {@code home}'s build and database (Keycloak stopped) as the prepared copy,
	 * unless another build got there first. A failure only costs later runs their speed.
	 */
	void saveFrom(Path home) {
		Path temporary = null;
		try {
			Files.createDirectories(this.directory.getParent());
			temporary = Files.createTempDirectory(this.directory.getParent(), this.directory.getFileName() + ".");
			for (String part : PARTS) {
				replace(home.resolve(part), temporary.resolve(part));
			}
			Files.move(temporary, this.directory, StandardCopyOption.ATOMIC_MOVE);
			temporary = null;
			System.out.println("Kept the prepared Keycloak at " + this.directory);
		}
		catch (FileAlreadyExistsException | DirectoryNotEmptyException ex) {
			// another build kept its copy first
		}
		catch (IOException | UncheckedIOException ex) {
			System.err.println("Could not keep the prepared Keycloak at " + this.directory + ": " + ex);
		}
		finally {
			if (temporary != null) {
				deleteRecursively(temporary);
			}
		}
	}

	private static void replace(Path source, Path target) {
		deleteRecursively(target);
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : paths.toList()) {
				Path copy = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String digest() {
		try (InputStream realm = PreparedKeycloak.class.getResourceAsStream("/keycloak/aria-realm.json")) {
			if (realm == null) {
				throw new IllegalStateException("keycloak/aria-realm.json is not on the test class path");
			}
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(realm.readAllBytes());
			// How Keycloak is started decides what its build contains.
			sha.update(String.join(" ", KeycloakServer.OPTIONS).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha.digest(), 0, 8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
