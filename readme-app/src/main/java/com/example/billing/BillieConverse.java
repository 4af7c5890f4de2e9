package com.example.billing;

// tag::http-interface[]
import io.github.ariaauth.converse.ConverseRequest;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Billie's Converse API answering with the JSON as it came.
 */
@HttpExchange(contentType = "application/json", accept = "application/json")
public interface BillieConverse {

	@PostExchange("/api/v2/converse")
	String converseAsJson(@RequestBody ConverseRequest request);

}
// end::http-interface[]
