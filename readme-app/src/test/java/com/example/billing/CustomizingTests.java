package com.example.billing;

import io.github.ariaauth.converse.ConverseRequest;
import io.github.ariaauth.converse.ConverseResponse;
import io.github.ariaauth.test.AriaStandIn;
import io.github.ariaauth.test.AriaStandInExtension;
import io.github.ariaauth.test.AriaStandInProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients of README.md's "Customizing" section carry the token to the Billie Connect
 * host.
 */
@SpringBootTest
class CustomizingTests {

	@RegisterExtension
	static AriaStandInExtension aria = new AriaStandInExtension();

	@DynamicPropertySource
	static void ariaProperties(DynamicPropertyRegistry registry) {
		AriaStandInProperties.register(registry, aria);
		registry.add("billing.admin-url", () -> aria.standIn().apiBaseUrl());
	}

	@Autowired
	@Qualifier("billieAdminClient")
	private RestClient billieAdminClient;

	@Autowired
	@Qualifier("billieAdminWebClient")
	private WebClient billieAdminWebClient;

	@Autowired
	private BillieConverse billieConverse;

	@Test
	void ownClientWithTheInterceptorCarriesTheToken(AriaStandIn standIn) {
		ConverseResponse answer = this.billieAdminClient.post()
			.uri("/api/v2/converse")
			.body(ConverseRequest.question("Any open orders?"))
			.retrieve()
			.body(ConverseResponse.class);
		assertThat(answer.responseType()).isEqualTo("ORDER_INFO");
		assertThat(standIn.lastAuthorizationHeader()).isEqualTo("Bearer " + standIn.issuedTokens().get(0));
	}

	@Test
	void ownWebClientWithTheFilterCarriesTheToken(AriaStandIn standIn) {
		ConverseResponse answer = this.billieAdminWebClient.post()
			.uri("/api/v2/converse")
			.bodyValue(ConverseRequest.question("Any open orders?"))
			.retrieve()
			.bodyToMono(ConverseResponse.class)
			.block(java.time.Duration.ofSeconds(10));
		assertThat(answer.responseType()).isEqualTo("ORDER_INFO");
		assertThat(standIn.lastAuthorizationHeader()).isEqualTo("Bearer " + standIn.issuedTokens().get(0));
	}

	@Test
	void interfaceInTheAriaGroupGetsBaseUrlAndToken(AriaStandIn standIn) {
		String json = this.billieConverse.converseAsJson(ConverseRequest.question("Show my latest invoice"));
		assertThat(json).contains("\"response_type\":\"INVOICE_INFO\"");
		assertThat(standIn.lastAuthorizationHeader()).isEqualTo("Bearer " + standIn.issuedTokens().get(0));
	}

}
