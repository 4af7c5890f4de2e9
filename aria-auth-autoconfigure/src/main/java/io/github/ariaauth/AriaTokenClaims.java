package io.github.ariaauth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claims read from an Aria access token (a JWT).
 * <p>
 * The claims are <em>decoded, not verified</em>: the signature is not checked, so they
 * describe the token for diagnostics and routing (which Aria client and account it speaks
 * for) and must never be used for authorization decisions. Aria's API verifies the token
 * itself.
 *
 * @since 0.1.0
 * @param issuer the {@code iss} claim
 * @param audience the {@code aud} claim
 * @param subject the {@code sub} claim, the service account
 * @param clientNo the {@code client_no} claim, the Aria client number
 * @param accountNo the {@code account_no} claim, present when the service account is
 * limited to one account
 * @param issuedAt the {@code iat} claim
 * @param expiresAt the {@code exp} claim
 * @param scopes the {@code scope} claim, split on spaces
 */
public record AriaTokenClaims(@Nullable String issuer, List<String> audience, @Nullable String subject,
		@Nullable String clientNo, @Nullable String accountNo, @Nullable Instant issuedAt, @Nullable Instant expiresAt,
		Set<String> scopes) {

	/** Claims of a token that is not a readable JWT. */
	public static final AriaTokenClaims NONE = new AriaTokenClaims(null, List.of(), null, null, null, null, null,
			Set.of());

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public AriaTokenClaims {
		audience = List.copyOf(audience);
		scopes = Set.copyOf(scopes);
	}

	/**
	 * Decode the payload of a JWT without verifying it.
	 * @param token the compact JWT
	 * @return its claims, or {@link #NONE} when the token is not a JWT with a JSON object
	 * payload
	 */
	public static AriaTokenClaims decode(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return NONE;
		}
		try {
			JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
			if (!payload.isObject()) {
				return NONE;
			}
			return new AriaTokenClaims(text(payload, "iss"), strings(payload.get("aud")), text(payload, "sub"),
					text(payload, "client_no"), text(payload, "account_no"), epochSeconds(payload, "iat"),
					epochSeconds(payload, "exp"), scopes(payload));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			// Deliberately no message: it could quote the token.
			return NONE;
		}
	}

	private static @Nullable String text(JsonNode payload, String name) {
		JsonNode node = payload.get(name);
		if (node == null || node.isNull() || node.isContainer()) {
			return null;
		}
		return node.asString();
	}

	private static List<String> strings(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			return node.isContainer() ? List.of() : List.of(node.asString());
		}
		List<String> values = new ArrayList<>();
		for (JsonNode element : node.values()) {
			if (element.isValueNode() && !element.isNull()) {
				values.add(element.asString());
			}
		}
		return values;
	}

	private static @Nullable Instant epochSeconds(JsonNode payload, String name) {
		JsonNode node = payload.get(name);
		if (node == null || !node.isNumber() || !node.canConvertToLong()) {
			return null;
		}
		return Instant.ofEpochSecond(node.asLong());
	}

	private static Set<String> scopes(JsonNode payload) {
		String scope = text(payload, "scope");
		if (scope == null || scope.isBlank()) {
			return Set.of();
		}
		return new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
	}

}
