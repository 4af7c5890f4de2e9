package io.github.ariaauth.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Finds a JDK that can run Keycloak 26 (Java 21 or newer), looking where
 * {@code .ci/matrix} looks.
 */
final class KeycloakJdk {

	static final int MINIMUM_FEATURE = 21;

	private static final List<Integer> SUPPORTED_FEATURES = List.of(25, 21);

	static final String WHERE = "KEYCLOAK_JAVA_HOME, JAVA25_HOME, JAVA21_HOME, the test JVM and /usr/lib/jvm";

	private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

	private KeycloakJdk() {
	}

	static Optional<Path> find() {
		List<Path> candidates = new ArrayList<>();
		for (String variable : List.of("KEYCLOAK_JAVA_HOME", "JAVA25_HOME", "JAVA21_HOME")) {
			String value = System.getenv(variable);
			if (value != null && !value.isBlank()) {
				candidates.add(Path.of(value));
			}
		}
		candidates.add(Path.of(System.getProperty("java.home")));
		// The versions Keycloak 26 supports first, then any newer one; Temurin's before a
		// distribution's, as in
		// .ci/matrix.
		candidates.addAll(installed().stream()
			.sorted(Comparator.comparingInt(KeycloakJdk::preference)
				.thenComparing(Comparator.comparingInt(KeycloakJdk::featureOrZero).reversed())
				.thenComparing((jdk) -> !jdk.getFileName().toString().startsWith("temurin")))
			.toList());
		return candidates.stream().filter(KeycloakJdk::canRunKeycloak).findFirst();
	}

	private static List<Path> installed() {
		if (!Files.isDirectory(JVM_DIRECTORY)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(JVM_DIRECTORY)) {
			return entries.filter(Files::isDirectory).toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static boolean canRunKeycloak(Path home) {
		return Files.isExecutable(home.resolve("bin/java")) && featureOrZero(home) >= MINIMUM_FEATURE;
	}

	private static int preference(Path home) {
		int index = SUPPORTED_FEATURES.indexOf(featureOrZero(home));
		return (index >= 0) ? index : SUPPORTED_FEATURES.size();
	}

	private static int featureOrZero(Path home) {
		Integer feature = feature(home);
		return (feature != null) ? feature : 0;
	}

	/**
	 * The feature version from the JDK's {@code release} file
	 * ({@code JAVA_VERSION="25.0.1"}), without starting it.
	 */
	static @Nullable Integer feature(Path home) {
		Path release = home.resolve("release");
		if (!Files.isRegularFile(release)) {
			return null;
		}
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(release)) {
			properties.load(in);
		}
		catch (IOException ex) {
			return null;
		}
		String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
		String feature = version.split("[.+-]", 2)[0];
		try {
			return Integer.parseInt(feature);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
