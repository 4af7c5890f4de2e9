package io.github.ariaauth;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

/**
 * A token endpoint in memory, answering from a script on the thread that sends the
 * request: unit tests of the token core run a whole request inside
 * {@link ManualExecutor#runAll()}, with no socket and nothing to wait for.
 */
public final class ScriptedTokenEndpoint implements ClientHttpRequestFactory {

	private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

	private final AtomicInteger requests = new AtomicInteger();

	/**
	 * Answer the next request with a new JWT issued at {@code issuedAt} that lives
	 * {@code expiresIn} seconds.
	 */
	public ScriptedTokenEndpoint token(Instant issuedAt, long expiresIn) {
		return then(() -> tokenAnswer(issuedAt, expiresIn));
	}

	/**
	 * Answer the next request with this status and JSON body.
	 */
	public ScriptedTokenEndpoint status(int status, String json) {
		return then(() -> answer(status, json));
	}

	/**
	 * Answer the next request as this script says; it runs while the request is open.
	 */
	public ScriptedTokenEndpoint then(Answer answer) {
		this.answers.add(answer);
		return this;
	}

	/**
	 * How many requests were sent.
	 */
	public int requests() {
		return this.requests.get();
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new MockClientHttpRequest(httpMethod, uri) {
			@Override
			protected ClientHttpResponse executeInternal() throws IOException {
				ScriptedTokenEndpoint.this.requests.incrementAndGet();
				Answer answer = ScriptedTokenEndpoint.this.answers.poll();
				if (answer == null) {
					throw new IOException("no answer scripted");
				}
				return answer.respond();
			}
		};
	}

	/**
	 * A token answer, for scripts that do something first.
	 */
	public static ClientHttpResponse tokenAnswer(Instant issuedAt, long expiresIn) {
		String jwt = TestTokens.jwt(issuedAt, issuedAt.plusSeconds(expiresIn));
		return answer(200, "{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
				+ ",\"scope\":\"api\"}");
	}

	/**
	 * An answer with this status and JSON body, for scripts that do something first.
	 */
	public static ClientHttpResponse answer(int status, String json) {
		MockClientHttpResponse response = new MockClientHttpResponse(json.getBytes(StandardCharsets.UTF_8), status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return response;
	}

	/**
	 * One scripted answer.
	 */
	@FunctionalInterface
	public interface Answer {

		ClientHttpResponse respond() throws IOException;

	}

}
