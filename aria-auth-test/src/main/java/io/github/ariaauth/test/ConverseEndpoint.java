package io.github.ariaauth.test;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.UUID;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.ariaauth.test.TokenService.InvalidTokenException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Converse API: v2 answers synchronously, v3 accepts and posts the answer to a
 * callback.
 */
final class ConverseEndpoint {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private final AriaStandIn standIn;

	private final CallbackSender callbacks;

	ConverseEndpoint(AriaStandIn standIn, CallbackSender callbacks) {
		this.standIn = standIn;
		this.callbacks = callbacks;
	}

	MockResponse handle(RecordedRequest request, boolean async) {
		if (!"POST".equals(request.getMethod())) {
			return badRequest(405, "The Converse API accepts POST only").setHeader("Allow", "POST").build();
		}
		String authorization = request.getHeaders().get("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return unauthorized(BearerChallenge.MISSING, "Missing bearer token");
		}
		JWTClaimsSet claims;
		String clientNo;
		try {
			claims = this.standIn.tokens()
				.verify(authorization.substring(7).trim(), this.standIn.issuer(), this.standIn.clock().instant());
			clientNo = claims.getStringClaim("client_no");
		}
		catch (InvalidTokenException | ParseException ex) {
			String message = (ex.getMessage() != null) ? ex.getMessage() : "The access token is malformed";
			return unauthorized(BearerChallenge.invalidToken(message), message);
		}
		JsonNode body;
		try {
			ByteString content = request.getBody();
			body = JsonResponses.MAPPER.readTree((content != null) ? content.string(StandardCharsets.UTF_8) : "");
		}
		catch (JacksonException ex) {
			return badRequest(400, "The request body is not valid JSON").build();
		}
		if (body == null || !body.isObject()) {
			return badRequest(400, "The request body must be a JSON object").build();
		}
		if (!body.path("content").path("text").isString()) {
			return badRequest(400, "content.text is required").build();
		}
		ObjectNode answer = ConverseAnswers.answer(body, clientNo, stringClaim(claims, "account_no"),
				this.standIn.clock().instant());
		if (!async) {
			return JsonResponses.json(200, answer).build();
		}
		URI callbackUrl = loopbackCallbackUrl(body.path("callback_url").asString(null));
		if (callbackUrl == null) {
			return badRequest(400, "callback_url is required and must be an http(s) URL on a loopback host").build();
		}
		String taskId = UUID.randomUUID().toString();
		this.callbacks.send(taskId, callbackUrl, JsonResponses.MAPPER.writeValueAsString(answer));
		ObjectNode accepted = JsonResponses.MAPPER.createObjectNode()
			.put("message", "Request accepted")
			.put("task_id", taskId);
		return JsonResponses.json(202, accepted).build();
	}

	private static @Nullable String stringClaim(JWTClaimsSet claims, String name) {
		Object value = claims.getClaim(name);
		return (value != null) ? value.toString() : null;
	}

	/**
	 * The callback URL if it is absolute and points at this machine: the stand-in never
	 * posts elsewhere.
	 */
	static @Nullable URI loopbackCallbackUrl(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			URI uri = new URI(value);
			String scheme = uri.getScheme();
			String host = uri.getHost();
			if (scheme == null || host == null
					|| !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
				return null;
			}
			return isLoopback(host) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static boolean isLoopback(String host) {
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		boolean literal = IPV4.matcher(host).matches() || (host.startsWith("[") && host.endsWith("]"));
		if (!literal) {
			// a name other than localhost would need a DNS look-up, which a test double
			// must not do
			return false;
		}
		try {
			String address = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static MockResponse.Builder badRequest(int status, String message) {
		ObjectNode body = JsonResponses.MAPPER.createObjectNode().put("error", "bad_request").put("message", message);
		return JsonResponses.json(status, body);
	}

	private static MockResponse unauthorized(String challenge, String message) {
		ObjectNode body = JsonResponses.MAPPER.createObjectNode().put("error", "unauthorized").put("message", message);
		return JsonResponses.json(401, body).setHeader("WWW-Authenticate", challenge).build();
	}

}
