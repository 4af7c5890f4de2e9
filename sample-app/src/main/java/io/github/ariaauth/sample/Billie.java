package io.github.ariaauth.sample;

import java.time.Duration;
import java.util.Locale;

import io.github.ariaauth.converse.AriaConverseClient;
import io.github.ariaauth.converse.ConverseRequest;
import io.github.ariaauth.converse.ConverseResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks Billie questions through one of the three clients aria-auth equips with the bearer
 * token. None of them sees a token: aria-auth adds it, refreshes it ahead of expiry and
 * resends once after a {@code 401}.
 */
@Service
public class Billie {

	/** Aria's gateway gives up after 30 seconds; wait a little longer than that. */
	private static final Duration TIMEOUT = Duration.ofSeconds(35);

	private static final String CONVERSE = "/api/v2/converse";

	private final WebClient webClient;

	private final RestClient restClient;

	private final AriaConverseClient converseClient;

	Billie(@Qualifier("ariaWebClient") WebClient webClient, @Qualifier("ariaRestClient") RestClient restClient,
			AriaConverseClient converseClient) {
		this.webClient = webClient;
		this.restClient = restClient;
		this.converseClient = converseClient;
	}

	/**
	 * Ask a question in a new conversation.
	 * @param question the question
	 * @param via the client to send it with
	 * @return Billie's answer
	 */
	public ConverseResponse ask(String question, Via via) {
		ConverseRequest request = ConverseRequest.question(question);
		ConverseResponse answer = switch (via) {
			case WEBCLIENT -> this.webClient.post()
				.uri(CONVERSE)
				.bodyValue(request)
				.retrieve()
				.bodyToMono(ConverseResponse.class)
				.block(TIMEOUT);
			case REST -> this.restClient.post().uri(CONVERSE).body(request).retrieve().body(ConverseResponse.class);
			case INTERFACE -> this.converseClient.converse(request);
		};
		if (answer == null) {
			throw new IllegalStateException("Billie answered with an empty body");
		}
		return answer;
	}

	/**
	 * The client a question is sent with.
	 */
	public enum Via {

		/** The {@code ariaWebClient} bean. */
		WEBCLIENT,

		/** The {@code ariaRestClient} bean. */
		REST,

		/**
		 * aria-auth's {@link AriaConverseClient} HTTP interface, imported into the
		 * {@code aria} service group.
		 */
		INTERFACE;

		static Via of(String name) {
			try {
				return valueOf(name.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("'via' must be webclient, rest or interface, not '" + name + "'");
			}
		}

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
