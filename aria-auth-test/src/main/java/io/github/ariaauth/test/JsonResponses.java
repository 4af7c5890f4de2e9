package io.github.ariaauth.test;

import mockwebserver3.MockResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON answers of the stand-in.
 */
final class JsonResponses {

	static final JsonMapper MAPPER = JsonMapper.shared();

	private JsonResponses() {
	}

	static MockResponse.Builder json(int status, JsonNode body) {
		return json(status, MAPPER.writeValueAsString(body));
	}

	static MockResponse.Builder json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body);
	}

	/**
	 * An error in the shape of RFC 6749 section 5.2.
	 */
	static MockResponse.Builder error(int status, String error, String description) {
		ObjectNode body = MAPPER.createObjectNode().put("error", error).put("error_description", description);
		return json(status, body);
	}

}
