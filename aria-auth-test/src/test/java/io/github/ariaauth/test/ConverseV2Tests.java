package io.github.ariaauth.test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static io.github.ariaauth.test.StandInHttp.accessToken;
import static io.github.ariaauth.test.StandInHttp.converse;
import static io.github.ariaauth.test.StandInHttp.converseV2;
import static io.github.ariaauth.test.StandInHttp.json;
import static io.github.ariaauth.test.StandInHttp.question;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Converse API v2 of {@link AriaStandIn}.
 */
class ConverseV2Tests {

	private static final Instant START = Instant.parse("2025-06-01T10:00:00Z");

	private static final MutableClock clock = new MutableClock(START);

	@RegisterExtension
	static final AriaStandInExtension aria = new AriaStandInExtension(
			AriaStandIn.builder().clock(clock).tokenLifetime(Duration.ofMinutes(5)));

	private static AriaStandIn clientWide;

	private final AriaStandIn standIn = aria.standIn();

	@BeforeAll
	static void startClientWideStandIn() {
		clientWide = AriaStandIn.builder().accountNo(null).build().start();
	}

	@AfterAll
	static void closeClientWideStandIn() {
		clientWide.close();
	}

	@BeforeEach
	void resetClock() {
		clock.set(START);
	}

	@Test
	void answersInV2Shape() throws Exception {
		String token = accessToken(this.standIn);
		HttpResponse<String> response = converseV2(this.standIn, token, question("What is my balance?"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode answer = json(response);
		assertThat(answer.get("message_id").asString()).isNotBlank().isNotEqualTo("m-1");
		assertThat(answer.get("conversation_id").asString()).isEqualTo("c-1");
		assertThat(answer.get("timestamp").asString()).isEqualTo("2025-06-01T10:00:00Z");
		assertThat(answer.at("/response_preferences/response_format").asString()).isEqualTo("BOTH");
		assertThat(answer.at("/content/type").asString()).isEqualTo("RESPONSE");
		assertThat(answer.at("/content/text").asString()).contains("7000213").contains("12345");
		assertThat(answer.at("/content/structured_data/response_type").asString()).isEqualTo("BILLING_INFO");
		assertThat(answer.at("/content/structured_data/data/client_no").asString()).isEqualTo("7000213");
		assertThat(answer.at("/content/structured_data/data/account_no").asString()).isEqualTo("12345");
		assertThat(answer.at("/content/structured_data/schema_version").asString()).isNotBlank();
		assertThat(answer.at("/metadata/in_reply_to_message_id").asString()).isEqualTo("m-1");
		assertThat(answer.at("/metadata/target_agent").asString()).isEqualTo("crm");
		assertThat(answer.at("/metadata/sequence_num").asInt()).isEqualTo(5);
		assertThat(this.standIn.apiRequestCount()).isEqualTo(1);
		assertThat(this.standIn.lastAuthorizationHeader()).isEqualTo("Bearer " + token);
	}

	@ParameterizedTest
	@CsvSource({ "Show my latest invoice, INVOICE_INFO", "What is the balance?, BILLING_INFO",
			"When is my next bill due, BILLING_INFO", "Where is my order, ORDER_INFO",
			"Which plan am I on, PRODUCT_INFO", "List the products, PRODUCT_INFO", "Is my account active, ACCOUNT_INFO",
			"Tell me a joke, OPENDATA", "Is the border open, OPENDATA", "Ask billie about the planet, OPENDATA" })
	void choosesResponseTypeFromQuestion(String text, String responseType) throws Exception {
		JsonNode answer = json(converseV2(this.standIn, accessToken(this.standIn), question(text)));
		assertThat(answer.at("/content/structured_data/response_type").asString()).isEqualTo(responseType);
	}

	@Test
	void summaryNamesAllAccountsWhenTokenHasNoAccountNo() throws Exception {
		JsonNode answer = json(converseV2(clientWide, accessToken(clientWide), question("my account")));
		assertThat(answer.at("/content/text").asString()).contains("all accounts of client 7000213");
		assertThat(answer.at("/content/structured_data/data/account_no").isNull()).isTrue();
	}

	@Test
	void missingTokenIsUnauthorized() throws Exception {
		HttpResponse<String> response = converse(this.standIn.apiBaseUrl() + "/api/v2/converse", null,
				question("balance"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer").doesNotContain("error="));
		assertThat(this.standIn.lastAuthorizationHeader()).isNull();
	}

	@Test
	void expiredTokenIsInvalid() throws Exception {
		String token = accessToken(this.standIn);
		assertThat(converseV2(this.standIn, token, question("balance")).statusCode()).isEqualTo(200);
		clock.advance(Duration.ofMinutes(4).plusSeconds(59));
		assertThat(converseV2(this.standIn, token, question("balance")).statusCode()).isEqualTo(200);
		clock.advance(Duration.ofSeconds(1));
		HttpResponse<String> response = converseV2(this.standIn, token, question("balance"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("error=\"invalid_token\"").contains("expired"));
	}

	@Test
	void tokenOfAnotherStandInIsInvalid() throws Exception {
		HttpResponse<String> response = converseV2(this.standIn, accessToken(clientWide), question("balance"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
	}

	@Test
	void tamperedTokenIsInvalid() throws Exception {
		String[] parts = accessToken(this.standIn).split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String forged = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(payload.replace("7000213", "7000214").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = converseV2(this.standIn, parts[0] + "." + forged + "." + parts[2],
				question("balance"));
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void tokenForAnotherAudienceIsInvalid() throws Exception {
		Instant now = clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.standIn.issuer())
			.audience("account")
			.subject("aria-test-client")
			.claim("client_no", "7000213")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.build();
		HttpResponse<String> response = converseV2(this.standIn, this.standIn.tokens().sign(claims),
				question("balance"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("billie-connect-api"));
	}

	@Test
	void malformedJsonIsBadRequest() throws Exception {
		HttpResponse<String> response = converseV2(this.standIn, accessToken(this.standIn), "{\"content\": {");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("error").asString()).isEqualTo("bad_request");
	}

	@Test
	void requestWithoutQuestionTextIsBadRequest() throws Exception {
		HttpResponse<String> response = converseV2(this.standIn, accessToken(this.standIn),
				"{\"message_id\":\"m-1\",\"content\":{\"type\":\"QUERY\"}}");
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void unknownPathIsNotFound() throws Exception {
		HttpResponse<String> response = converse(this.standIn.apiBaseUrl() + "/api/v1/converse",
				"Bearer " + accessToken(this.standIn), question("balance"));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.standIn.apiRequestCount()).isZero();
	}

}
