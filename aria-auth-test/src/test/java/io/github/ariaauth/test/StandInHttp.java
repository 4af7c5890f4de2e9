package io.github.ariaauth.test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a stand-in over real HTTP with the JDK's client, as a test's client would.
 */
final class StandInHttp {

	static final JsonMapper JSON = JsonMapper.shared();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private StandInHttp() {
	}

	static String question(String text) {
		return """
				{"message_id":"m-1","conversation_id":"c-1","timestamp":"2025-01-01T00:00:00Z",
				 "response_preferences":{"include_textual_summary":true,"response_format":"BOTH"},
				 "content":{"text":"%s","type":"QUERY"},
				 "metadata":{"source_agent":"crm","target_agent":"billie","sequence_num":4}}
				""".formatted(text);
	}

	static String form(String... namesAndValues) {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			form.append((i > 0) ? "&" : "")
				.append(encode(namesAndValues[i]))
				.append('=')
				.append(encode(namesAndValues[i + 1]));
		}
		return form.toString();
	}

	static String basic(String clientId, String clientSecret) {
		String credentials = encode(clientId) + ":" + encode(clientSecret);
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static HttpResponse<String> postForm(String uri, String form, @Nullable String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> requestToken(AriaStandIn standIn) throws IOException, InterruptedException {
		return postForm(standIn.tokenUri(), form("grant_type", "client_credentials", "client_id", standIn.clientId(),
				"client_secret", standIn.clientSecret()), null);
	}

	static String accessToken(AriaStandIn standIn) throws IOException, InterruptedException {
		HttpResponse<String> response = requestToken(standIn);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Token request failed: " + response.statusCode() + " " + response.body());
		}
		return json(response).get("access_token").asString();
	}

	static HttpResponse<String> converse(String url, @Nullable String authorization, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> converseV2(AriaStandIn standIn, String token, String body)
			throws IOException, InterruptedException {
		return converse(standIn.apiBaseUrl() + "/api/v2/converse", "Bearer " + token, body);
	}

	static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
		return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
