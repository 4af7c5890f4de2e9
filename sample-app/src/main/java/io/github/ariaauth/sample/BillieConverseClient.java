package io.github.ariaauth.sample;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The Billie Converse API as an HTTP interface; registered in the {@code aria} group (see
 * {@link SampleApplication}), so aria-auth gives it the Billie Connect base URL and the bearer token.
 */
@HttpExchange(contentType = "application/json", accept = "application/json")
public interface BillieConverseClient {

	/**
	 * Ask Billie synchronously.
	 * @param question the question
	 * @return Billie's answer
	 */
	@PostExchange("/api/v2/converse")
	ConverseMessage converse(@RequestBody ConverseMessage question);

}
