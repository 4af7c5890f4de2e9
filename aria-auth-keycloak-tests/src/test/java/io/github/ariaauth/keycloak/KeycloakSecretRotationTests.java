package io.github.ariaauth.keycloak;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jwt.JWTParser;
import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.keycloak.ContinuousCalls.Call;
import io.github.ariaauth.keycloak.RotationHop.TokenRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's secret is regenerated through Keycloak's admin API while calls run, and
 * the new one reaches aria-auth through a file laid out like a Kubernetes secret volume
 * (DESIGN section 11): no call fails, and the first token request with the new key comes
 * within 3 s of the file's change.
 * <p>
 * The old key dies first, exactly when aria-auth asks with it: the hop in front of the
 * token endpoint regenerates the secret just before it passes on the first refresh, so
 * that every token request from then until the file changes is rejected, as in a rotation
 * that meets a token request due. The file follows 2 s later. Keycloak's tokens for this
 * client live 20 s: aria-auth refreshes one 10 to 14 s into its life and hands it out
 * until 18 s (its expiry margin is a tenth), so when the file changes the held token
 * still serves calls for another 2 to 6 s, more than aria-auth needs to take up the new
 * key (about a second).
 * <p>
 * Only this order. The other (the file first, both keys valid for a while) needs
 * Keycloak's client secret rotation, a preview feature that every Keycloak of the run
 * would have to start with ({@code --features=client-secret-rotation}) plus a client
 * profile and policy in the realm; without it Keycloak holds one secret per client.
 * {@code ClientSecretRotationTests} covers that order against a stand-in.
 */
// Output capture first, as in KeycloakErrorTests.
@ExtendWith({ OutputCaptureExtension.class, KeycloakExtension.class })
class KeycloakSecretRotationTests {

	private static final AriaRealm CLIENT = AriaRealm.ROTATING;

	/** Issue 21: the file follows the key's death by 2 s. */
	private static final Duration FILE_LAG = Duration.ofSeconds(2);

	/** Issue 21: the first token request with the new key within 3 s of the change. */
	private static final Duration LAG_BOUND = Duration.ofSeconds(3);

	private static final Duration PAUSE_BETWEEN_CALLS = Duration.ofMillis(50);

	private static final String OLD = "old";

	private static final String NEW = "new";

	private BillieResourceServer api;

	@BeforeEach
	void useApi(BillieResourceServer api) {
		this.api = api;
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void rotateThenUpdateCostsNoCallAndTheNewKeyIsUsedWithinThreeSecondsOfTheFileChange(KeycloakServer keycloak,
			@TempDir Path directory, CapturedOutput output) throws Exception {
		KeycloakAdmin admin = new KeycloakAdmin(keycloak);
		String oldSecret = admin.secret(CLIENT.clientId);
		AtomicReference<String> newSecret = new AtomicReference<>();
		AtomicReference<Instant> rotatedAt = new AtomicReference<>();
		AtomicReference<Duration> rotationTook = new AtomicReference<>();
		SecretVolume volume = new SecretVolume(directory, oldSecret);
		try (RotationHop hop = new RotationHop(keycloak,
				(secret) -> secret.equals(oldSecret) ? OLD : secret.equals(newSecret.get()) ? NEW : "another")) {
			// The first request fetches the token held through the rotation; the second
			// is its refresh.
			hop.rotateBefore(2, () -> {
				long started = System.nanoTime();
				newSecret.set(admin.regenerateSecret(CLIENT.clientId));
				rotatedAt.set(Instant.now());
				rotationTook.set(Duration.ofNanos(System.nanoTime() - started));
			});
			Map<String, Object> properties = InteropApplication.properties(hop.tokenUri(), this.api, CLIENT);
			properties.remove("aria.auth.client-secret");
			properties.put("aria.auth.client-secret-file", volume.file().toString());
			Instant fileChangedAt;
			AriaAccessToken held;
			String newTokenId;
			List<Call> calls;
			List<TokenRequest> requests;
			TokenRequests listener;
			try (ConfigurableApplicationContext context = InteropApplication.run(properties)) {
				AriaTokenManager tokens = context.getBean(AriaTokenManager.class);
				listener = context.getBean(TokenRequests.class);
				ContinuousCalls running = new ContinuousCalls(new Billie(context), PAUSE_BETWEEN_CALLS);
				try {
					Instant rotated = await("aria-auth's first refresh, when the key dies")
						.atMost(Duration.ofMinutes(2))
						.until(rotatedAt::get, Objects::nonNull);
					held = listener.fetched().get(0);
					// Rejecting the old key makes the registration wait for a new one.
					await("the registration waiting for a new secret").atMost(Duration.ofSeconds(30))
						.until(tokens::isAwaitingNewCredentials);
					await().atMost(FILE_LAG.plusSeconds(30))
						.pollInterval(Duration.ofMillis(10))
						.until(() -> !Instant.now().isBefore(rotated.plus(FILE_LAG)));
					// Taken before the change: the lag measured is never too short.
					fileChangedAt = Instant.now();
					volume.update(newSecret.get());
					// Long enough to measure a recovery that misses the bound.
					await("a token with the new key").atMost(Duration.ofMinutes(1))
						.until(() -> listener.fetched().size() > 1);
					newTokenId = JWTParser.parse(listener.fetched().get(1).tokenValue()).getJWTClaimsSet().getJWTID();
					await("a call with the new key's token").atMost(Duration.ofSeconds(30))
						.until(() -> running.calls().stream().anyMatch((call) -> newTokenId.equals(call.tokenId())));
					assertThat(tokens.isAwaitingNewCredentials()).isFalse();
				}
				finally {
					running.close();
				}
				calls = running.calls();
				requests = hop.requests();
			}
			report(calls, requests, held, rotationTook.get(), rotatedAt.get(), fileChangedAt);
			assertThat(calls.stream().filter((call) -> !call.succeeded()).map(Call::failure)).as("failed calls")
				.isEmpty();
			assertThat(this.api.rejected()).isEmpty();
			assertThat(requests.get(0)).satisfies((first) -> {
				assertThat(first.key()).isEqualTo(OLD);
				assertThat(first.accepted()).isTrue();
			});
			// Every request with the old key from the rotation on was rejected, and none
			// with the new key came before the file had it.
			List<TokenRequest> afterRotation = requests.subList(1, requests.size());
			assertThat(afterRotation).allSatisfy((request) -> assertThat(request.key()).isIn(OLD, NEW));
			assertThat(afterRotation).filteredOn((request) -> request.key().equals(OLD))
				.isNotEmpty()
				.noneMatch(TokenRequest::accepted);
			TokenRequest firstNew = afterRotation.stream()
				.filter((request) -> request.key().equals(NEW))
				.findFirst()
				.orElseThrow();
			assertThat(firstNew.accepted()).isTrue();
			assertThat(Duration.between(fileChangedAt, firstNew.arrivedAt())).as("lag from the file change")
				.isPositive()
				.isLessThanOrEqualTo(LAG_BOUND);
			assertThat(calls).filteredOn((call) -> newTokenId.equals(call.tokenId())).isNotEmpty();
			// Keycloak's answer to a secret it no longer accepts.
			assertThat(listener.failed()).isNotEmpty()
				.allSatisfy((failure) -> assertThat(failure.getErrorCode()).isEqualTo("unauthorized_client"));
			assertThat(listener.credentialsChanges()).isOne();
		}
		// Not with AssertJ's output assertions, whose failure message shows the output.
		assertThat(output.getAll().contains(oldSecret)).as("the old secret is in the output").isFalse();
		assertThat(output.getAll().contains(newSecret.get())).as("the new secret is in the output").isFalse();
	}

	private static void report(List<Call> calls, List<TokenRequest> requests, AriaAccessToken held,
			Duration rotationTook, Instant rotatedAt, Instant fileChangedAt) {
		long failedCalls = calls.stream().filter((call) -> !call.succeeded()).count();
		long rejected = requests.stream().filter((request) -> !request.accepted()).count();
		String recovery = requests.stream()
			.filter((request) -> request.key().equals(NEW))
			.findFirst()
			.map((first) -> Duration.between(fileChangedAt, first.arrivedAt()).toMillis()
					+ " ms after the file change (its token came "
					+ Duration.between(fileChangedAt, first.answeredAt()).toMillis()
					+ " ms after it, the held token had "
					+ Duration.between(first.answeredAt(), held.expiresAt()).toMillis() + " ms to live)")
			.orElse("never");
		System.out.println("Rotate, then update: " + calls.size() + " calls, " + failedCalls + " failed; "
				+ requests.size() + " token requests, " + rejected
				+ " rejected; the admin API regenerated the secret in " + rotationTook.toMillis()
				+ " ms, the file changed " + Duration.between(rotatedAt, fileChangedAt).toMillis()
				+ " ms later; first token request with the new key " + recovery);
	}

}
