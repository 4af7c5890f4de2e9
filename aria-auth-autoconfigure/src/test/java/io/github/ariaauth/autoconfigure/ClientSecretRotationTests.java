package io.github.ariaauth.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.ManualExecutor;
import io.github.ariaauth.MutableClock;
import io.github.ariaauth.TestTokens;
import io.github.ariaauth.actuate.AriaAuthHealthIndicator;
import io.github.ariaauth.actuate.AriaTokenMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key rotated while the application runs, with the secret in a file
 * ({@code client-secret-file}) and a token endpoint that accepts only the keys valid at
 * the moment. Time is the test's clock; a call is made every 100 ms of it, and token
 * requests run when the test says, so every figure is exact on any machine.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientSecretRotationTests {

	private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

	private static final Duration STEP = Duration.ofMillis(100);

	private final MutableClock clock = new MutableClock(START);

	private final ManualExecutor fetches = new ManualExecutor();

	@TempDir
	private Path dir;

	@Test
	void rotateThenUpdateKubernetesVolumeRecoversWithinASecondOfTheFileChangeAndNoCallFails() throws Exception {
		// The longer the key stays dead, the longer the backoff between failed refreshes
		// has grown (up to 2 minutes) by the time the file changes.
		for (Duration fileLag : List.of(Duration.ofSeconds(2), Duration.ofSeconds(90), Duration.ofMinutes(10))) {
			Figures figures = rotateThenUpdate(fileLag);
			System.out.println("rotate-then-update, file " + fileLag.toMillis() + " ms after the key died: lag "
					+ figures.lag().toMillis() + " ms from the file change to the first token request with the new "
					+ "key, " + figures.failedCalls() + " failed calls");
			assertThat(figures.failedCalls()).as("failed calls, file %s after the key died", fileLag).isZero();
			assertThat(figures.lag()).as("lag, file %s after the key died", fileLag)
				.isLessThanOrEqualTo(Duration.ofSeconds(3))
				.isLessThanOrEqualTo(ClientSecretFile.CHECK_INTERVAL.plus(STEP));
		}
	}

	private Figures rotateThenUpdate(Duration fileLag) throws Exception {
		this.clock.set(START);
		SecretVolume volume = new SecretVolume(Files.createTempDirectory(this.dir, "volume"), "key-A");
		try (RotatingTokenEndpoint endpoint = new RotatingTokenEndpoint(this.clock, "key-A");
				AriaTokenManager manager = manager(endpoint, volume.file(),
						(builder) -> builder.refreshWindow(Duration.ofMinutes(30)))) {
			endpoint.lifetime(Duration.ofHours(1));
			assertThat(call(manager).isCompletedExceptionally()).isFalse();
			// The key dies just before the first refresh, which the endpoint rejects.
			endpoint.rotateAtRequest(2, "key-B");
			Instant fileChangedAt = null;
			int failedCalls = 0;
			while (firstAccepted(endpoint, "key-B") == null) {
				this.clock.advance(STEP);
				Instant rotatedAt = endpoint.rotatedAt();
				if (fileChangedAt == null && rotatedAt != null
						&& !this.clock.instant().isBefore(rotatedAt.plus(fileLag))) {
					volume.update("key-B");
					fileChangedAt = this.clock.instant();
				}
				failedCalls += call(manager).isCompletedExceptionally() ? 1 : 0;
				assertThat(this.clock.instant()).as("recovered before the held token ran out")
					.isBefore(START.plus(Duration.ofMinutes(59)));
			}
			assertThat(fileChangedAt).isNotNull();
			assertThat(endpoint.requests()).filteredOn((request) -> request.key().equals("key-A"))
				.anyMatch((request) -> !request.accepted());
			return new Figures(Duration.between(fileChangedAt, firstAccepted(endpoint, "key-B")), failedCalls);
		}
	}

	@Test
	void updateThenRotateUsesTheNewKeyFromTheFirstTokenRequestAfterTheChange() throws Exception {
		SecretVolume volume = new SecretVolume(this.dir, "key-A");
		try (RotatingTokenEndpoint endpoint = new RotatingTokenEndpoint(this.clock, "key-A");
				AriaTokenManager manager = manager(endpoint, volume.file())) {
			assertThat(call(manager).isCompletedExceptionally()).isFalse();
			this.clock.advance(Duration.ofMinutes(1));
			endpoint.validKeys("key-A", "key-B");
			volume.update("key-B");
			Instant fileChangedAt = this.clock.instant();
			int requestsBefore = endpoint.requests().size();
			int failedCalls = 0;
			while (endpoint.requests().size() < requestsBefore + 2) {
				this.clock.advance(STEP);
				if (endpoint.requests().size() > requestsBefore) {
					// Both keys were valid for a while; now only the new one is.
					endpoint.validKeys("key-B");
				}
				failedCalls += call(manager).isCompletedExceptionally() ? 1 : 0;
				if (manager.getCachedToken().isEmpty()) {
					break;
				}
			}
			List<RotatingTokenEndpoint.Request> after = endpoint.requests()
				.subList(requestsBefore, endpoint.requests().size());
			assertThat(after).isNotEmpty().allMatch((request) -> request.key().equals("key-B") && request.accepted());
			assertThat(failedCalls).isZero();
			assertThat(after.get(0).at()).isAfter(fileChangedAt);
			System.out.println("update-then-rotate: first token request after the file change used the new key "
					+ Duration.between(fileChangedAt, after.get(0).at()).toMillis() + " ms after the change (the "
					+ "held token's refresh), " + failedCalls + " failed calls");
		}
	}

	@Test
	void aFileRewrittenInPlaceIsReadAgainAfterTheEndpointRejectsTheOldKeyAndTheRequestIsRetriedAtOnce()
			throws Exception {
		Path file = this.dir.resolve("secret");
		Files.writeString(file, "key-A\n");
		try (RotatingTokenEndpoint endpoint = new RotatingTokenEndpoint(this.clock, "key-A");
				AriaTokenManager manager = manager(endpoint, file)) {
			assertThat(call(manager).isCompletedExceptionally()).isFalse();
			// Rewritten within the check interval of the last read: only the rejection
			// makes the file read again.
			Files.writeString(file, "key-B\n");
			endpoint.validKeys("key-B");
			manager.invalidate(manager.getCachedToken().orElseThrow());

			CompletableFuture<AriaAccessToken> next = call(manager);

			assertThat(next).isCompleted().isNotCompletedExceptionally();
			assertThat(endpoint.requests()).extracting(RotatingTokenEndpoint.Request::key)
				.containsExactly("key-A", "key-A", "key-B");
			assertThat(endpoint.requests().get(2).at()).isEqualTo(endpoint.requests().get(1).at());
			assertThat(manager.isAwaitingNewCredentials()).isFalse();
		}
	}

	@Test
	void aRejectedKeyThatTheFileStillHoldsWaitsForTheFileAndNotForTheBackoff(CapturedOutput output) throws Exception {
		Path file = this.dir.resolve("secret");
		Files.writeString(file, "key-A");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (RotatingTokenEndpoint endpoint = new RotatingTokenEndpoint(this.clock, "key-B");
				AriaTokenManager manager = manager(endpoint, file,
						(builder) -> builder.backoff(Duration.ofSeconds(1), Duration.ofMinutes(2))
							.maxBackoffWithoutToken(Duration.ofMinutes(2))
							.listener(new AriaTokenMetrics(meters, "aria")))) {
			for (int i = 0; i < 8; i++) {
				call(manager);
				this.clock.advance(Duration.ofMinutes(3));
			}
			// A backoff of a minute or more is due now; one more attempt starts it.
			assertThat(call(manager).isCompletedExceptionally()).isTrue();
			assertThat(manager.isAwaitingNewCredentials()).isTrue();
			int rejected = endpoint.requests().size();
			assertThat(rejected).isEqualTo(9);
			this.clock.advance(ClientSecretFile.CHECK_INTERVAL);
			assertThat(call(manager).isCompletedExceptionally()).isTrue();
			assertThat(endpoint.requests()).hasSize(rejected);
			assertThat(new AriaAuthHealthIndicator(manager).health().getDetails()).containsEntry("credentials",
					"rejected by the token endpoint; waiting for a new secret");
			assertThat(output.getOut().split("waiting for a new secret", -1)).hasSize(2);
			assertThat(output).contains("Aria registration 'aria': the token endpoint rejected the client credentials; "
					+ "waiting for a new secret");
			assertThat(meters.counter(AriaTokenMetrics.CREDENTIAL_RELOADS, "registration", "aria").count()).isZero();
			Files.writeString(file, "key-B2");
			endpoint.validKeys("key-B2");
			this.clock.advance(ClientSecretFile.CHECK_INTERVAL);

			CompletableFuture<AriaAccessToken> next = call(manager);

			assertThat(next).isNotCompletedExceptionally();
			assertThat(endpoint.requests()).hasSize(rejected + 1);
			assertThat(manager.isAwaitingNewCredentials()).isFalse();
			assertThat(new AriaAuthHealthIndicator(manager).health().getDetails()).doesNotContainKey("credentials");
			assertThat(meters.counter(AriaTokenMetrics.CREDENTIAL_RELOADS, "registration", "aria").count()).isOne();
			assertThat(output).doesNotContain("key-A").doesNotContain("key-B2");
		}
	}

	private CompletableFuture<AriaAccessToken> call(AriaTokenManager manager) {
		CompletableFuture<AriaAccessToken> token = manager.getTokenAsync();
		this.fetches.runAll();
		return token;
	}

	private static Instant firstAccepted(RotatingTokenEndpoint endpoint, String key) {
		return endpoint.requests()
			.stream()
			.filter((request) -> request.key().equals(key) && request.accepted())
			.map(RotatingTokenEndpoint.Request::at)
			.findFirst()
			.orElse(null);
	}

	private AriaTokenManager manager(RotatingTokenEndpoint endpoint, Path secretFile) {
		return manager(endpoint, secretFile, (builder) -> {
		});
	}

	private AriaTokenManager manager(RotatingTokenEndpoint endpoint, Path secretFile,
			AriaTokenManagerBuilderCustomizer customizer) {
		ClientSecretFile file = ClientSecretFile.open("aria.auth.client-secret-file", secretFile.toString(),
				this.clock);
		ClientRegistration registration = ClientRegistration.withRegistrationId("aria")
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(file.current().getClientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(endpoint.tokenUri())
			.build();
		AriaTokenManager.Builder builder = AriaTokenManager.builder(registration)
			.credentialsProvider(file)
			.clock(this.clock)
			.executor(this.fetches)
			.completionExecutor(Runnable::run);
		customizer.customize(builder);
		return builder.build();
	}

	record Figures(Duration lag, int failedCalls) {
	}

	/**
	 * A Kubernetes secret volume: the file is a symlink through {@code ..data}, which the
	 * kubelet points at a new timestamped directory in one atomic rename.
	 */
	static final class SecretVolume {

		private final Path root;

		private final String name = "client-secret";

		private int version;

		SecretVolume(Path root, String secret) throws IOException {
			this.root = root;
			Path data = writeVersion(secret);
			Files.createSymbolicLink(root.resolve("..data"), data.getFileName());
			Files.createSymbolicLink(root.resolve(this.name), Path.of("..data", this.name));
		}

		Path file() {
			return this.root.resolve(this.name);
		}

		void update(String secret) throws IOException {
			Path old = this.root.resolve("..data").toRealPath();
			Path data = writeVersion(secret);
			Path next = this.root.resolve("..data_tmp");
			Files.createSymbolicLink(next, data.getFileName());
			Files.move(next, this.root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
			Files.delete(old.resolve(this.name));
			Files.delete(old);
		}

		private Path writeVersion(String secret) throws IOException {
			Path data = Files.createDirectory(this.root.resolve("..2026_12_07_v" + (++this.version)));
			Files.writeString(data.resolve(this.name), secret + "\n", StandardCharsets.UTF_8);
			return data;
		}

	}

}
