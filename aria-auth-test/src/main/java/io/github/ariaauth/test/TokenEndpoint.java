package io.github.ariaauth.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OAuth 2.0 client credentials token endpoint, as Aria's Keycloak realm serves it.
 */
final class TokenEndpoint {

	private static final String DEFAULT_SCOPE = "api";

	private final AriaStandIn standIn;

	TokenEndpoint(AriaStandIn standIn) {
		this.standIn = standIn;
	}

	MockResponse handle(RecordedRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return JsonResponses.error(405, "invalid_request", "The token endpoint accepts POST only")
				.setHeader("Allow", "POST")
				.build();
		}
		String contentType = request.getHeaders().get("Content-Type");
		if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
			return invalidRequest("The request must be application/x-www-form-urlencoded");
		}
		Map<String, String> form;
		try {
			ByteString body = request.getBody();
			form = FormData.parse((body != null) ? body.string(StandardCharsets.UTF_8) : "");
		}
		catch (IllegalArgumentException ex) {
			String message = ex.getMessage();
			return invalidRequest((message != null) ? message : "The request body is not valid form data");
		}
		String authorization = request.getHeaders().get("Authorization");
		boolean basic = authorization != null;
		String clientId = form.get("client_id");
		String clientSecret = form.get("client_secret");
		if (authorization != null) {
			if (clientSecret != null) {
				return invalidRequest("The client used more than one authentication method");
			}
			String[] credentials = basicCredentials(authorization);
			if (credentials == null) {
				return invalidClient(true, "Invalid client credentials");
			}
			if (clientId != null && !clientId.equals(credentials[0])) {
				return invalidRequest("client_id does not match the authenticated client");
			}
			clientId = credentials[0];
			clientSecret = credentials[1];
		}
		if (clientId == null || clientSecret == null) {
			return invalidClient(false, "Invalid client credentials");
		}
		if (!matches(clientId, this.standIn.clientId()) || !matches(clientSecret, this.standIn.clientSecret())) {
			return invalidClient(basic, "Invalid client or Invalid client credentials");
		}
		String grantType = form.get("grant_type");
		if (grantType == null) {
			return invalidRequest("Missing form parameter: grant_type");
		}
		if (!"client_credentials".equals(grantType)) {
			return JsonResponses.error(400, "unsupported_grant_type", "Unsupported grant_type").build();
		}
		return issue(clientId, scope(form.get("scope")));
	}

	private MockResponse issue(String clientId, String scope) {
		Duration lifetime = this.standIn.tokenLifetime();
		Instant issuedAt = this.standIn.clock().instant().truncatedTo(ChronoUnit.SECONDS);
		String token = this.standIn.tokens()
			.issue(this.standIn.issuer(), clientId, this.standIn.clientNo(), this.standIn.accountNo(), scope, issuedAt,
					issuedAt.plus(lifetime));
		this.standIn.recordIssuedToken(token);
		ObjectNode body = JsonResponses.MAPPER.createObjectNode()
			.put("access_token", token)
			.put("token_type", "Bearer");
		if (!this.standIn.omitsExpiresIn()) {
			body.put("expires_in", lifetime.toSeconds());
		}
		body.put("scope", scope);
		return JsonResponses.json(200, body)
			.setHeader("Cache-Control", "no-store")
			.setHeader("Pragma", "no-cache")
			.build();
	}

	private static String scope(@Nullable String requested) {
		Set<String> scopes = new LinkedHashSet<>();
		scopes.add(DEFAULT_SCOPE);
		if (requested != null) {
			for (String scope : requested.trim().split(" +")) {
				if (!scope.isEmpty()) {
					scopes.add(scope);
				}
			}
		}
		return String.join(" ", scopes);
	}

	/**
	 * Credentials of a Basic header; RFC 6749 section 2.3.1 has them form-urlencoded
	 * before base64.
	 */
	private static String @Nullable [] basicCredentials(String authorization) {
		if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int separator = decoded.indexOf(':');
			if (separator < 0) {
				return null;
			}
			return new String[] { FormData.decode(decoded.substring(0, separator)),
					FormData.decode(decoded.substring(separator + 1)) };
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean matches(String actual, String expected) {
		byte[] actualBytes = actual.getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(actualBytes, expected.getBytes(StandardCharsets.UTF_8));
	}

	private static MockResponse invalidRequest(String description) {
		return JsonResponses.error(400, "invalid_request", description).build();
	}

	private static MockResponse invalidClient(boolean basic, String description) {
		MockResponse.Builder response = JsonResponses.error(401, "invalid_client", description);
		if (basic) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"aria\"");
		}
		return response.build();
	}

}
