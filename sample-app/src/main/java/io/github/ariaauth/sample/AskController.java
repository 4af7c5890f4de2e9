package io.github.ariaauth.sample;

import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.converse.ConverseRequest;
import io.github.ariaauth.converse.ConverseResponse;
import io.github.ariaauth.sample.Billie.Via;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * -H 'Content-Type: application/json' -d '{"question":"..."}'}. Error bodies say what the
 * caller can fix and nothing else: no endpoint, no registration names, no hints meant for
 * the operator (those go to the log). A token failure is aria-auth's own 503 with
 * {@code Retry-After}.
 */
@RestController
class AskController {

	private static final Log logger = LogFactory.getLog(AskController.class);

	private final Billie billie;

	private final AriaTokenManager tokens;

	private final AriaRegistrations registrations;

	private final boolean perRequestRegistration;

	AskController(Billie billie, AriaTokenManager tokens, AriaRegistrations registrations,
			SampleProperties properties) {
		this.billie = billie;
		this.tokens = tokens;
		this.registrations = registrations;
		this.perRequestRegistration = properties.perRequestRegistration();
		if (this.perRequestRegistration) {
			logger.warn("*** POST /ask?registration=<name> picks the service account: any caller can act as any "
					+ "tenant. FOR LOCAL USE ONLY ***");
		}
	}

	@PostMapping("/ask")
	Answer ask(@RequestBody Question question, @RequestParam(defaultValue = "webclient") String via,
			@RequestParam(required = false) @Nullable String registration) {
		if (!StringUtils.hasText(question.question())) {
			throw new BadRequest("'question' must not be blank");
		}
		if (registration != null) {
			return askAs(registration, question.question());
		}
		Via client = via(via);
		ConverseResponse answer = this.billie.ask(question.question(), client);
		// the token is cached by now: reading its claims costs no request
		return new Answer(answer.text(), answer.responseType(), this.tokens.getClaims().clientNo(), client.toString());
	}

	private static Via via(String via) {
		try {
			return Via.of(via);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequest("'via' must be webclient, rest or interface");
		}
	}

	// Another service account picked by a request parameter: only in the
	// local-tenant-switch profile, because any caller could act as any tenant. A real
	// application picks it from the authenticated user.
	private Answer askAs(String registration, String question) {
		if (!this.perRequestRegistration) {
			throw new BadRequest("'registration' is not accepted: picking the service account per request is for "
					+ "local use only (profile local-tenant-switch)");
		}
		if (!this.registrations.names().contains(registration)) {
			throw new BadRequest("unknown 'registration'");
		}
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

	@ExceptionHandler(BadRequest.class)
	ProblemDetail badRequest(BadRequest ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler({ RestClientResponseException.class, WebClientResponseException.class })
	ProblemDetail billieFailed(Exception ex) {
		HttpStatusCode status = (ex instanceof RestClientResponseException rest) ? rest.getStatusCode()
				: ((WebClientResponseException) ex).getStatusCode();
		logger.warn("Billie answered " + status
				+ ((status.value() == 403) ? " (is Billie Connect enabled for this Aria client?)" : ""));
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "Billie could not answer; try again later");
	}

	/**
	 * A request the caller can fix; its message is written for the caller.
	 */
	static final class BadRequest extends RuntimeException {

		private static final long serialVersionUID = 1L;

		BadRequest(String message) {
			super(message);
		}

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
