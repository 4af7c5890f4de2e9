package io.github.ariaauth.sample;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-request switch of service account, in the profile that is for local use only.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ask-on-startup=false")
@ActiveProfiles("local-tenant-switch")
class LocalTenantSwitchTests extends SampleOverHttp {

	@Test
	void asksAsTheSecondServiceAccountPickedByName() {
		Map<String, Object> answer = this.sample.post()
			.uri("/ask?registration={name}", LocalAriaStandIn.SECOND_REGISTRATION)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("question", "What is the balance of my account?"))
			.retrieve()
			.body(JSON);
		assertThat(answer).containsEntry("client_no", LocalAriaStandIn.SECOND_CLIENT_NO)
			.containsEntry("via", "rest as second")
			.containsEntry("response_type", "BILLING_INFO");
		// The default registration's stand-in saw neither a token request nor a question.
		assertThat(this.standIn.tokenRequestCount()).isZero();
		assertThat(this.standIn.apiRequestCount()).isZero();
	}

	@Test
	void unknownRegistrationIsABadRequestThatNamesNoRegistration() {
		ResponseEntity<String> response = this.sample.post()
			.uri("/ask?registration=nobody")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("question", "Hello?"))
			.retrieve()
			.onStatus((code) -> true, (request, reply) -> {
			})
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).contains("unknown 'registration'")
			.doesNotContain(LocalAriaStandIn.SECOND_REGISTRATION, "[aria");
	}

}
