package io.github.ariaauth.test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.ariaauth.test.StandInHttp.accessToken;
import static io.github.ariaauth.test.StandInHttp.converseV2;
import static io.github.ariaauth.test.StandInHttp.json;
import static io.github.ariaauth.test.StandInHttp.question;
import static io.github.ariaauth.test.StandInHttp.requestToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AriaStandIn#failNext(Endpoint, int, Fault)}.
 */
class FaultInjectionTests {

	@RegisterExtension
	static final AriaStandInExtension aria = new AriaStandInExtension();

	private final AriaStandIn standIn = aria.standIn();

	@Test
	void serviceUnavailableForNextTwoTokenRequestsThenTokens() throws Exception {
		this.standIn.failNext(Endpoint.TOKEN, 2, Fault.serviceUnavailable(Duration.ofSeconds(7)));
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> response = requestToken(this.standIn);
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
		}
		assertThat(requestToken(this.standIn).statusCode()).isEqualTo(200);
		assertThat(this.standIn.tokenRequestCount()).isEqualTo(3);
		assertThat(this.standIn.issuedTokens()).hasSize(1);
		assertThat(this.standIn.pendingFaults(Endpoint.TOKEN)).isZero();
	}

	@Test
	void statusWithBodyAndHeaders() throws Exception {
		this.standIn.failNext(Endpoint.API, 1, Fault.status(403, "{\"error\":\"billie_disabled\"}",
				Map.of("Content-Type", "application/json", "X-Reason", "ENABLE_BILLIE_CONNECT_SERVICE")));
		String token = accessToken(this.standIn);
		HttpResponse<String> response = converseV2(this.standIn, token, question("balance"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("{\"error\":\"billie_disabled\"}");
		assertThat(response.headers().firstValue("X-Reason")).hasValue("ENABLE_BILLIE_CONNECT_SERVICE");
		assertThat(converseV2(this.standIn, token, question("balance")).statusCode()).isEqualTo(200);
	}

	@Test
	void faultsAreKeptPerEndpoint() throws Exception {
		this.standIn.failNext(Endpoint.API, 1, Fault.status(500));
		String token = accessToken(this.standIn);
		assertThat(this.standIn.pendingFaults(Endpoint.API)).isEqualTo(1);
		assertThat(converseV2(this.standIn, token, question("balance")).statusCode()).isEqualTo(500);
	}

	@Test
	void delayHoldsBackNormalAnswer() throws Exception {
		Duration delay = Duration.ofMillis(400);
		this.standIn.failNext(Endpoint.TOKEN, 1, Fault.delay(delay));
		long start = System.nanoTime();
		HttpResponse<String> delayed = requestToken(this.standIn);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(delayed.statusCode()).isEqualTo(200);
		assertThat(json(delayed).get("access_token").asString()).isEqualTo(this.standIn.issuedTokens().get(0));
		assertThat(elapsed).isGreaterThanOrEqualTo(delay);
	}

	@Test
	void htmlBodyWithOkStatus() throws Exception {
		this.standIn.failNext(Endpoint.TOKEN, 1, Fault.html());
		HttpResponse<String> response = requestToken(this.standIn);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
		assertThat(response.body()).startsWith("<html>");
		assertThat(this.standIn.issuedTokens()).isEmpty();
	}

	@Test
	void truncatedJsonWithOkStatus() throws Exception {
		this.standIn.failNext(Endpoint.TOKEN, 1, Fault.truncatedJson());
		HttpResponse<String> response = requestToken(this.standIn);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThatExceptionOfType(tools.jackson.core.JacksonException.class).isThrownBy(() -> json(response));
	}

	@Test
	void droppedConnectionThenRecovery() throws Exception {
		this.standIn.failNext(Endpoint.TOKEN, 1, Fault.dropConnection());
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> requestToken(this.standIn));
		assertThat(requestToken(this.standIn).statusCode()).isEqualTo(200);
		assertThat(this.standIn.tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void invalidTokenFaultRejectsValidTokenForNextRequestsOnly() throws Exception {
		String token = accessToken(this.standIn);
		this.standIn.failNext(Endpoint.API, 2, Fault.invalidToken());
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> response = converseV2(this.standIn, token, question("balance"));
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
		}
		assertThat(converseV2(this.standIn, token, question("balance")).statusCode()).isEqualTo(200);
		assertThat(this.standIn.apiRequestCount()).isEqualTo(3);
	}

	@Test
	void faultsQueueUpInOrder() throws Exception {
		this.standIn.failNext(Endpoint.TOKEN, 1, Fault.status(502));
		this.standIn.failNext(Endpoint.TOKEN, 1, Fault.status(504));
		assertThat(requestToken(this.standIn).statusCode()).isEqualTo(502);
		assertThat(requestToken(this.standIn).statusCode()).isEqualTo(504);
		assertThat(requestToken(this.standIn).statusCode()).isEqualTo(200);
	}

	@Test
	void clearFaultsDropsPendingFaults() throws Exception {
		this.standIn.failNext(Endpoint.TOKEN, 3, Fault.status(500));
		this.standIn.clearFaults();
		assertThat(this.standIn.pendingFaults(Endpoint.TOKEN)).isZero();
		assertThat(requestToken(this.standIn).statusCode()).isEqualTo(200);
	}

	@Test
	void countMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.standIn.failNext(Endpoint.API, 0, Fault.status(500)));
	}

}
