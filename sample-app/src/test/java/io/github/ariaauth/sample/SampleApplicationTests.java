package io.github.ariaauth.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.github.ariaauth.test.Endpoint;
import io.github.ariaauth.test.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample end to end over HTTP, against the local stand-in it starts itself when no
 * credentials are set.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ask-on-startup=false")
class SampleApplicationTests extends SampleOverHttp {

	@ParameterizedTest
	@ValueSource(strings = { "webclient", "rest", "interface" })
	void asksBillieThroughEachClient(String via) {
		Map<String, Object> answer = ask("What is the balance of my account?", via);
		assertThat(answer).containsEntry("response_type", "BILLING_INFO")
			.containsEntry("client_no", "7000213")
			.containsEntry("via", via);
		assertThat((String) answer.get("answer")).contains("120.00 USD");
		assertThat(this.standIn.apiRequestCount()).isOne();
		assertThat(this.standIn.lastAuthorizationHeader()).isEqualTo("Bearer " + this.standIn.issuedTokens().get(0));
	}

	@Test
	void asksThroughTheWebClientByDefault() {
		Map<String, Object> answer = this.sample.post()
			.uri("/ask")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("question", "Which plan am I on?"))
			.retrieve()
			.body(JSON);
		assertThat(answer).containsEntry("via", "webclient").containsEntry("response_type", "PRODUCT_INFO");
	}

	@Test
	void registrationParameterIsRefusedOutsideTheLocalProfile() {
		ResponseEntity<String> response = post("/ask?registration={name}", LocalAriaStandIn.SECOND_REGISTRATION,
				Map.of("question", "What is the balance of my account?"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).contains("local use only");
		assertThat(this.standIn.tokenRequestCount()).isZero();
		assertThat(this.standIn.apiRequestCount()).isZero();
	}

	@Test
	void tokenFailureIsA503WithRetryAfterAndNoInternals() {
		this.standIn.failNext(Endpoint.TOKEN, 1, Fault.serviceUnavailable(Duration.ofSeconds(30)));
		ResponseEntity<String> response = post("/ask?via={via}", "rest", Map.of("question", "Hello?"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("30");
		assertThat(response.getBody()).doesNotContain("127.0.0.1", "localhost", "/token", "Aria token request",
				LocalAriaStandIn.SECOND_REGISTRATION);
	}

	@Test
	void billieFailureShowsNoOperatorHint() {
		this.standIn.failNext(Endpoint.API, 1, Fault.status(403));
		ResponseEntity<String> response = post("/ask?via={via}", "rest", Map.of("question", "Hello?"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(response.getBody()).contains("Billie could not answer")
			.doesNotContain("Billie Connect", "403", "127.0.0.1", "localhost");
	}

	@Test
	void manyConcurrentQuestionsShareOneToken() throws Exception {
		List<String> vias = List.of("webclient", "rest", "interface");
		List<Callable<Map<String, Object>>> questions = IntStream.range(0, 20)
			.mapToObj((i) -> (Callable<Map<String, Object>>) () -> ask("Show my latest invoice", vias.get(i % 3)))
			.toList();
		ExecutorService executor = Executors.newFixedThreadPool(20);
		try {
			for (Future<Map<String, Object>> answer : executor.invokeAll(questions)) {
				assertThat(answer.get()).containsEntry("response_type", "INVOICE_INFO");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.standIn.tokenRequestCount()).isOne();
		assertThat(this.standIn.apiRequestCount()).isEqualTo(20);
	}

	@ParameterizedTest
	@ValueSource(strings = { "webclient", "rest", "interface" })
	void rejectedTokenIsRefreshedOnceAndTheQuestionAnswered(String via) {
		ask("How is my account?", via);
		assertThat(this.standIn.tokenRequestCount()).isOne();
		this.standIn.failNext(Endpoint.API, 1, Fault.invalidToken());
		Map<String, Object> answer = ask("How is my account?", via);
		assertThat(answer).containsEntry("response_type", "ACCOUNT_INFO");
		assertThat(this.standIn.tokenRequestCount()).isEqualTo(2);
		// the first question, the rejected attempt and its one resend
		assertThat(this.standIn.apiRequestCount()).isEqualTo(3);
		assertThat(this.standIn.issuedTokens()).hasSize(2).doesNotHaveDuplicates();
		assertThat(this.standIn.lastAuthorizationHeader()).isEqualTo("Bearer " + this.standIn.issuedTokens().get(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "webclient", "rest", "interface" })
	void forbiddenFromBillieIsABadGatewayWithoutRetry(String via) {
		this.standIn.failNext(Endpoint.API, 1, Fault.status(403));
		assertThat(status(Map.of("question", "What is my balance?"), via)).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(this.standIn.apiRequestCount()).isOne();
		assertThat(this.standIn.tokenRequestCount()).isOne();
	}

	@Test
	void answersNeverCarryTheToken() {
		String body = this.sample.post()
			.uri("/ask")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("question", "Any open orders?"))
			.retrieve()
			.body(String.class);
		assertThat(body).contains("ORDER_INFO").doesNotContain(this.standIn.issuedTokens().get(0));
	}

	@Test
	void blankQuestionIsABadRequest() {
		assertThat(status(Map.of("question", " "), "webclient")).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.standIn.apiRequestCount()).isZero();
	}

	@Test
	void unknownClientIsABadRequest() {
		assertThat(status(Map.of("question", "Hello?"), "carrier-pigeon")).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.standIn.apiRequestCount()).isZero();
	}

	private Map<String, Object> ask(String question, String via) {
		return this.sample.post()
			.uri("/ask?via={via}", via)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("question", question))
			.retrieve()
			.body(JSON);
	}

	private ResponseEntity<String> post(String uri, String variable, Map<String, String> body) {
		return this.sample.post()
			.uri(uri, variable)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
	}

	private HttpStatusCode status(Map<String, String> body, String via) {
		return this.sample.post()
			.uri("/ask?via={via}", via)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toBodilessEntity()
			.getStatusCode();
	}

}
