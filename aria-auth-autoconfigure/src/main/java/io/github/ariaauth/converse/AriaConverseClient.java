package io.github.ariaauth.converse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Billie's Converse API, blocking: an HTTP interface that aria-auth registers as the bean
 * {@code ariaConverseClient} over {@code ariaRestClient} (Billie Connect base URL and
 * bearer token included), unless the application defines one.
 * <p>
 * Errors are those of {@code RestClient}: a {@code 4xx}/{@code 5xx} from Billie is a
 * {@link org.springframework.web.client.RestClientResponseException}, a token that cannot
 * be had an {@link io.github.ariaauth.AriaAuthException}.
 *
 * @since 0.1.0
 */
@HttpExchange(contentType = MediaType.APPLICATION_JSON_VALUE, accept = MediaType.APPLICATION_JSON_VALUE)
public interface AriaConverseClient {

	/**
	 * Ask Billie and wait for the answer ({@code POST /api/v2/converse}; typically 7 to
	 * 15 seconds, at most 30).
	 * @param request the question, such as
	 * {@code ConverseRequest.question("What is my balance?")}
	 * @return Billie's answer
	 */
	@PostExchange("/api/v2/converse")
	ConverseResponse converse(@RequestBody ConverseRequest request);

	/**
	 * Ask Billie asynchronously ({@code POST /api/v3/converse}): Billie accepts the
	 * request and later posts the answer to the request's callback URL.
	 * @param request the question with a callback URL
	 * ({@link ConverseRequest#withCallbackUrl(String)})
	 * @return the accepted task
	 */
	@PostExchange("/api/v3/converse")
	ConverseTask submit(@RequestBody ConverseRequest request);

}
