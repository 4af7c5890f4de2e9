package io.github.ariaauth.starter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding the starter leaves a host application as it was: the RestClient it builds from
 * Boot's builder keeps its HTTP client library (here the JDK's), and a non-web
 * application stays non-web. Each case runs {@link HostApplication} in a child JVM on a
 * real class path: the starter's runtime class path as Maven resolves it, or the same
 * without what only the starter brings.
 */
class StarterClassPathTests {

	/**
	 * What the starter brings beyond the host's own libraries (spring-boot-starter,
	 * Boot's RestClient and HTTP client support, Spring Web).
	 */
	private static final List<String> STARTER_ONLY = List.of("/io/github/ariaauth/", "aria-auth-autoconfigure",
			"/org/springframework/security/", "/com/nimbusds/", "/net/minidev/", "/org/ow2/asm/",
			"/com/github/stephenc/", "/spring-webflux/", "/io/projectreactor/", "/io/netty/", "/spring-boot-webclient/",
			"/spring-boot-http-codec/", "/spring-boot-jackson/", "/tools/jackson/", "/com/fasterxml/");

	private static final String[] ARIA_PROPERTIES = { "--aria.auth.region=us", "--aria.auth.client-id=host-client",
			"--aria.auth.client-secret=host-secret" };

	@Test
	void withoutTheStarterTheHostIsANonWebAppOnTheJdkClient() throws Exception {
		Map<String, String> report = runHost(hostClassPath());
		assertThat(report).containsEntry("webApplicationType", "NONE")
			.containsEntry("hostRestClientRequestFactory",
					"org.springframework.http.client.JdkClientHttpRequestFactory")
			.containsEntry("ariaRestClient", "none");
	}

	@Test
	void withTheStarterTheHostKeepsItsClientLibraryAndStaysNonWeb() throws Exception {
		List<String> classPath = starterClassPath();
		assertThat(classPath).anyMatch((entry) -> entry.contains("aria-auth-autoconfigure"));
		Map<String, String> report = runHost(classPath);
		assertThat(report).containsEntry("webApplicationType", "NONE")
			.containsEntry("hostRestClientRequestFactory",
					"org.springframework.http.client.JdkClientHttpRequestFactory");
		// aria-auth's own clients are there, the WebClient on the JDK's connector.
		assertThat(report.get("ariaRestClient")).isNotEqualTo("none");
		assertThat(report.get("ariaWebClient")).isNotEqualTo("none");
		assertThat(report).containsEntry("ariaClientHttpConnector",
				"org.springframework.http.client.reactive.JdkClientHttpConnector");
	}

	private static List<String> starterClassPath() throws IOException {
		String file = Files.readString(Path.of("target", "starter-class-path.txt"), StandardCharsets.UTF_8).trim();
		return new ArrayList<>(Arrays.asList(file.split(File.pathSeparator)));
	}

	private static List<String> hostClassPath() throws IOException {
		List<String> classPath = starterClassPath();
		classPath.removeIf((entry) -> STARTER_ONLY.stream()
			.anyMatch((part) -> entry.replace(File.separatorChar, '/').contains(part)));
		assertThat(classPath).anyMatch((entry) -> entry.contains("spring-boot-restclient"))
			.noneMatch((entry) -> entry.contains("aria-auth-autoconfigure"));
		return classPath;
	}

	private static Map<String, String> runHost(List<String> classPath) throws Exception {
		List<String> entries = new ArrayList<>(classPath);
		entries.add(0, Path.of("target", "test-classes").toAbsolutePath().toString());
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						// The flags of the test JVMs (the parent pom's argLine): less CPU
						// for a short-lived JVM.
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", String.join(File.pathSeparator, entries),
						HostApplication.class.getName()));
		command.addAll(List.of(ARIA_PROPERTIES));
		command.add("--spring.main.banner-mode=off");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output;
		try (var in = process.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		Map<String, String> report = new LinkedHashMap<>();
		output.lines()
			.filter((line) -> line.startsWith("REPORT "))
			.map((line) -> line.substring("REPORT ".length()).split("=", 2))
			.forEach((pair) -> report.put(pair[0], pair[1]));
		return report;
	}

}
