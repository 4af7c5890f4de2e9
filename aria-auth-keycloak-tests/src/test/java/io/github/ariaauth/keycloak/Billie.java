package io.github.ariaauth.keycloak;

import java.time.Instant;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls to the API stand-in through aria-auth's two clients, as a user's code makes them.
 */
final class Billie {

	private static final ParameterizedTypeReference<Map<String, String>> ANSWER = new ParameterizedTypeReference<>() {
	};

	private static final Map<String, Object> QUESTION = Map.of("content",
			Map.of("text", "What is the balance of my account?", "type", "QUERY"));

	/**
	 * When the call began, as the caller's clock saw it: the API stand-in records it, so
	 * that a token's use can be judged by when the call started rather than by when a
	 * slow machine got it there.
	 */
	static final String CALL_STARTED = "X-Call-Started";

	private final RestClient restClient;

	private final WebClient webClient;

	Billie(ApplicationContext context) {
		this.restClient = context.getBean("ariaRestClient", RestClient.class);
		this.webClient = context.getBean("ariaWebClient", WebClient.class);
	}

	Map<String, String> askWithRestClient() {
		return this.restClient.post()
			.uri(BillieResourceServer.CONVERSE)
			.header(CALL_STARTED, Instant.now().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(QUESTION)
			.retrieve()
			.body(ANSWER);
	}

	Map<String, String> askWithWebClient() {
		return this.webClient.post()
			.uri(BillieResourceServer.CONVERSE)
			.header(CALL_STARTED, Instant.now().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(QUESTION)
			.retrieve()
			.bodyToMono(ANSWER)
			.block();
	}

	Map<String, String> ask(Via via) {
		return (via == Via.REST_CLIENT) ? askWithRestClient() : askWithWebClient();
	}

	/**
	 * Which of aria-auth's clients a call goes through.
	 */
	enum Via {

		REST_CLIENT, WEB_CLIENT

	}

}
