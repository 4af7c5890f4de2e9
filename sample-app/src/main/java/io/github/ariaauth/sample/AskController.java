package io.github.ariaauth.sample;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.converse.ConverseRequest;
import io.github.ariaauth.converse.ConverseResponse;
import io.github.ariaauth.sample.Billie.Via;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * {@code POST /ask} forwards a question to Billie: {@code curl -X POST localhost:8080/ask
 * -H 'Content-Type: application/json' -d '{"question":"..."}'}.
 */
@RestController
class AskController {

	private final Billie billie;

	private final AriaTokenManager tokens;

	private final AriaRegistrations registrations;

	AskController(Billie billie, AriaTokenManager tokens, AriaRegistrations registrations) {
		this.billie = billie;
		this.tokens = tokens;
		this.registrations = registrations;
	}

	@PostMapping("/ask")
	Answer ask(@RequestBody Question question, @RequestParam(defaultValue = "webclient") String via,
			@RequestParam(required = false) @Nullable String registration) {
		if (!StringUtils.hasText(question.question())) {
			throw new IllegalArgumentException("'question' must not be blank");
		}
		if (registration != null) {
			return askAs(registration, question.question());
		}
		Via client = Via.of(via);
		ConverseResponse answer = this.billie.ask(question.question(), client);
		// the token is cached by now: reading its claims costs no request
		return new Answer(answer.text(), answer.responseType(), this.tokens.getClaims().clientNo(), client.toString());
	}

	// Another service account, picked by name at run time (as a multi-tenant application
	// would per request).
	private Answer askAs(String registration, String question) {
		ConverseResponse answer = this.registrations.restClient(registration)
			.post()
			.uri("/api/v2/converse")
			.body(ConverseRequest.question(question))
			.retrieve()
			.body(ConverseResponse.class);
		if (answer == null) {
			throw new IllegalStateException("Billie sent no answer");
		}
		return new Answer(answer.text(), answer.responseType(),
				this.registrations.tokenManager(registration).getClaims().clientNo(), "rest as " + registration);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler({ RestClientResponseException.class, WebClientResponseException.class })
	ProblemDetail billieFailed(Exception ex) {
		HttpStatusCode status = (ex instanceof RestClientResponseException rest) ? rest.getStatusCode()
				: ((WebClientResponseException) ex).getStatusCode();
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "Billie answered " + status
				+ ((status.value() == 403) ? " (is Billie Connect enabled for this Aria client?)" : ""));
	}

	@ExceptionHandler(AriaAuthException.class)
	ProblemDetail noToken(AriaAuthException ex) {
		// aria-auth's messages never contain the secret or a token
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
	}

	/**
	 * The body of {@code POST /ask}.
	 *
	 * @param question the question for Billie
	 */
	record Question(@Nullable String question) {
	}

	/**
	 * The answer of {@code POST /ask}.
	 *
	 * @param answer Billie's textual summary
	 * @param responseType the answer's {@code structured_data.response_type}
	 * @param clientNo the Aria client number of the token that was used
	 * @param via the client that sent the question
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Answer(String answer, @Nullable String responseType, @Nullable String clientNo, String via) {
	}

}
