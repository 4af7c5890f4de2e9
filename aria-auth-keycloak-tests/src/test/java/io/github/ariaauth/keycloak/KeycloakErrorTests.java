package io.github.ariaauth.keycloak;

import java.time.Duration;
import java.util.Map;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.keycloak.Billie.Via;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Keycloak's real error answers reach the caller as the {@link AriaAuthException}
 * README's troubleshooting table describes, through both clients, without the secret
 * anywhere, even with aria-auth's and Spring's HTTP and security logging at TRACE.
 */
// Output capture first: it must have started when a missing JDK aborts the class in
// KeycloakExtension.
@ExtendWith({ OutputCaptureExtension.class, KeycloakExtension.class })
class KeycloakErrorTests {

	// Keycloak gives the same answer for a wrong secret, an unknown client and a disabled
	// one, so that nobody can
	// probe which client ids exist; only the error code differs.
	private static final String INVALID_CREDENTIALS = "Invalid client or Invalid client credentials";

	private static final String CHECK_CREDENTIALS = "Check aria.auth.client-id and aria.auth.client-secret";

	private static final String NO_TOKEN_ENDPOINT = "No token endpoint at this URL";

	private static final String WRONG_SECRET = "kc-wrong-0a1b2c3d4e5f6a7b8c9d";

	private BillieResourceServer api;

	@BeforeEach
	void useApi(BillieResourceServer api) {
		this.api = api;
	}

	@Test
	void wrongSecretIsUnauthorizedClient(KeycloakServer keycloak, CapturedOutput output) {
		Map<String, Object> properties = properties(keycloak.tokenUri().toString(), AriaRealm.HOUR);
		properties.put("aria.auth.client-secret", WRONG_SECRET);
		for (String method : new String[] { "client-secret-post", "client-secret-basic" }) {
			properties.put("aria.auth.client-authentication-method", method);
			for (AriaAuthException failure : failures(properties)) {
				assertFailure(failure, keycloak.tokenUri().toString(), 401, "unauthorized_client", INVALID_CREDENTIALS,
						CHECK_CREDENTIALS);
			}
		}
		assertThat(output).doesNotContain(WRONG_SECRET).doesNotContain(AriaRealm.HOUR.secret);
	}

	@Test
	void unknownClientIsInvalidClient(KeycloakServer keycloak, CapturedOutput output) {
		Map<String, Object> properties = properties(keycloak.tokenUri().toString(), AriaRealm.HOUR);
		properties.put("aria.auth.client-id", "billie-nobody");
		for (AriaAuthException failure : failures(properties)) {
			assertFailure(failure, keycloak.tokenUri().toString(), 401, "invalid_client", INVALID_CREDENTIALS,
					CHECK_CREDENTIALS);
		}
		assertThat(output).doesNotContain(AriaRealm.HOUR.secret);
	}

	@Test
	void disabledClientIsInvalidClient(KeycloakServer keycloak, CapturedOutput output) {
		for (AriaAuthException failure : failures(properties(keycloak.tokenUri().toString(), AriaRealm.DISABLED))) {
			assertFailure(failure, keycloak.tokenUri().toString(), 401, "invalid_client", INVALID_CREDENTIALS,
					CHECK_CREDENTIALS);
		}
		assertThat(output).doesNotContain(AriaRealm.DISABLED.secret);
	}

	@Test
	void clientWithoutServiceAccountIsUnauthorizedClient(KeycloakServer keycloak, CapturedOutput output) {
		AriaRealm client = AriaRealm.NO_SERVICE_ACCOUNT;
		for (AriaAuthException failure : failures(properties(keycloak.tokenUri().toString(), client))) {
			assertFailure(failure, keycloak.tokenUri().toString(), 401, "unauthorized_client",
					"Client not enabled to retrieve service account", CHECK_CREDENTIALS);
		}
		assertThat(output).doesNotContain(client.secret);
	}

	@Test
	void unknownRealmIsNoTokenEndpoint(KeycloakServer keycloak, CapturedOutput output) {
		String tokenUri = keycloak.baseUri() + "/realms/aria-nowhere/protocol/openid-connect/token";
		for (AriaAuthException failure : failures(properties(tokenUri, AriaRealm.HOUR))) {
			// Keycloak's 404 body is {"error":"Realm does not exist"}: prose where RFC
			// 6749 has an error code, so
			// aria-auth reports it as the description.
			assertFailure(failure, tokenUri, 404, null, "Realm does not exist", NO_TOKEN_ENDPOINT);
		}
		assertThat(output).doesNotContain(AriaRealm.HOUR.secret);
	}

	@Test
	void pathOfKeycloakBefore17IsNoTokenEndpoint(KeycloakServer keycloak, CapturedOutput output) {
		// Keycloak dropped the /auth prefix in version 17; old documentation and
		// configurations still have it.
		String tokenUri = keycloak.baseUri() + "/auth/realms/aria/protocol/openid-connect/token";
		for (AriaAuthException failure : failures(properties(tokenUri, AriaRealm.HOUR))) {
			assertFailure(failure, tokenUri, 404, null, "Unable to find matching target resource method",
					NO_TOKEN_ENDPOINT);
		}
		assertThat(output).doesNotContain(AriaRealm.HOUR.secret);
	}

	private Map<String, Object> properties(String tokenUri, AriaRealm client) {
		Map<String, Object> properties = InteropApplication.properties(tokenUri, this.api, client);
		for (String logger : new String[] { "io.github.ariaauth", "org.springframework.security",
				"org.springframework.web", "org.springframework.http" }) {
			properties.put("logging.level." + logger, "trace");
		}
		return properties;
	}

	/**
	 * What a call through each client throws, in a fresh application so that no backoff
	 * is carried over.
	 */
	private AriaAuthException[] failures(Map<String, Object> properties) {
		AriaAuthException[] failures = new AriaAuthException[Via.values().length];
		try (ConfigurableApplicationContext context = InteropApplication.run(properties)) {
			Billie billie = new Billie(context);
			String secret = (String) properties.get("aria.auth.client-secret");
			for (Via via : Via.values()) {
				AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, () -> billie.ask(via));
				assertThat(failure).as("what a call through %s throws", via).isNotNull();
				assertThat(failure.toString()).doesNotContain(secret);
				failures[via.ordinal()] = failure;
			}
			assertThat(context.getBean(TokenRequests.class).fetched()).isEmpty();
			// Listeners hear of a failure after the callers got it.
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(context.getBean(TokenRequests.class).failed()).isNotEmpty());
		}
		assertThat(this.api.arrivals()).isEmpty();
		return failures;
	}

	private static void assertFailure(AriaAuthException failure, String tokenUri, int status,
			@Nullable String errorCode, @Nullable String description, String hint) {
		assertThat(failure.getEndpoint()).hasToString(tokenUri);
		assertThat(failure.getHttpStatus()).isEqualTo(status);
		assertThat(failure.getErrorCode()).isEqualTo(errorCode);
		assertThat(failure.getErrorDescription()).isEqualTo(description);
		assertThat(failure.getHint()).startsWith(hint);
		assertThat(failure.getMessage()).startsWith("Aria token request to " + tokenUri + " failed: HTTP " + status
				+ ((errorCode != null) ? ", error '" + errorCode + "'" : ""));
	}

}
