package io.github.ariaauth.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keycloak's admin REST API for realm {@code aria}, as the realm's own admin: the service
 * account of client {@code aria-realm-admin}, which may view and manage the realm's
 * clients (no master-realm admin is needed, and Keycloak starts as the other tests
 * expect).
 * <p>
 * The admin token (an hour-long one, the realm's default) and the clients' ids are
 * fetched once, so that a regeneration is a single request, quick enough to run while
 * aria-auth waits for its token request. Secrets are returned to the caller only; nothing
 * here prints them, and failures name the request and the status, never a body.
 */
final class KeycloakAdmin {

	static final String CLIENT_ID = "aria-realm-admin";

	private static final String SECRET = "kc-admin-3f7a1c9e5b2d8f40a6c1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final KeycloakServer keycloak;

	private final Map<String, String> ids = new ConcurrentHashMap<>();

	private volatile @Nullable String accessToken;

	KeycloakAdmin(KeycloakServer keycloak) {
		this.keycloak = keycloak;
	}

	/**
	 * The secret Keycloak accepts for {@code clientId} now.
	 */
	String secret(String clientId) {
		return send(HttpRequest.newBuilder(secretUri(clientId)).GET()).path("value").asString();
	}

	/**
	 * Have Keycloak generate a new secret for {@code clientId}, which replaces the old
	 * one at once (no rotation policy keeps the old one valid), and return it.
	 */
	String regenerateSecret(String clientId) {
		return send(HttpRequest.newBuilder(secretUri(clientId)).POST(HttpRequest.BodyPublishers.noBody())).path("value")
			.asString();
	}

	private URI secretUri(String clientId) {
		return adminUri("/clients/" + id(clientId) + "/client-secret");
	}

	/**
	 * Keycloak's internal id of the client with {@code clientId}, which the admin API
	 * addresses it by.
	 */
	private String id(String clientId) {
		return this.ids.computeIfAbsent(clientId, this::lookUpId);
	}

	private String lookUpId(String clientId) {
		URI search = adminUri("/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8));
		JsonNode clients = send(HttpRequest.newBuilder(search).GET());
		if (clients.size() != 1) {
			throw new IllegalStateException(
					"Realm " + KeycloakServer.REALM + " has " + clients.size() + " clients with client id " + clientId);
		}
		return clients.get(0).path("id").asString();
	}

	private URI adminUri(String path) {
		return URI.create(this.keycloak.baseUri() + "/admin/realms/" + KeycloakServer.REALM + path);
	}

	private JsonNode send(HttpRequest.Builder request) {
		HttpRequest authorized = request.header("Authorization", "Bearer " + accessToken())
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(30))
			.build();
		return json(authorized);
	}

	private String accessToken() {
		String token = this.accessToken;
		if (token == null) {
			token = newAccessToken();
			this.accessToken = token;
		}
		return token;
	}

	private String newAccessToken() {
		String form = "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret=" + SECRET;
		HttpRequest request = HttpRequest.newBuilder(this.keycloak.tokenUri())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return json(request).path("access_token").asString();
	}

	private JsonNode json(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(
						request.method() + " " + request.uri() + " answered HTTP " + response.statusCode());
			}
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), ex);
		}
	}

}
