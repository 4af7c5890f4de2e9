package io.github.ariaauth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link TokenRequester}: a request turned into an outcome, once more at once
 * when the endpoint rejected credentials that have been replaced since, and an
 * observation handler's failure told from a failure of the request itself.
 */
class TokenRequesterTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	private static final URI TOKEN_URI = URI.create("https://sso.example.com/token");

	private final ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint();

	private final List<String> rejected = new ArrayList<>();

	private volatile String secret = "first";

	@Test
	void tokenIsTheOutcomeAndEndsAWaitForNewCredentials() {
		TokenCredentials credentials = credentials();
		credentials.rejected(credentials.registration());
		assertThat(credentials.awaitingNewCredentials()).isTrue();
		this.endpoint.token(START, 3600);

		TokenRequester.Outcome outcome = requester(credentials).request(null);

		assertThat(outcome.token()).isNotNull();
		assertThat(outcome.failure()).isNull();
		assertThat(credentials.awaitingNewCredentials()).isFalse();
	}

	@Test
	void clientRejectedWithCredentialsReplacedSinceIsAskedOnceMoreAtOnceWithTheNewOnes() {
		TokenCredentials credentials = credentials();
		this.endpoint.then(() -> {
			this.secret = "second";
			return ScriptedTokenEndpoint.answer(401, "{\"error\":\"invalid_client\"}");
		});
		this.endpoint.token(START, 3600);

		TokenRequester.Outcome outcome = requester(credentials).request(null);

		assertThat(outcome.token()).isNotNull();
		assertThat(outcome.credentialsChanged()).isTrue();
		assertThat(this.endpoint.requests()).isEqualTo(2);
		assertThat(this.rejected).containsExactly("first");
		assertThat(credentials.lastRegistration().getClientSecret()).isEqualTo("second");
	}

	@Test
	void newCredentialsRejectedTooAwaitTheirReplacement() {
		TokenCredentials credentials = credentials();
		this.endpoint.then(() -> {
			this.secret = "second";
			return ScriptedTokenEndpoint.answer(401, "{\"error\":\"unauthorized_client\"}");
		});
		this.endpoint.status(401, "{\"error\":\"invalid_client\"}");

		TokenRequester.Outcome outcome = requester(credentials).request(null);

		assertThat(outcome.failure().getErrorCode()).isEqualTo("invalid_client");
		assertThat(this.endpoint.requests()).isEqualTo(2);
		assertThat(this.rejected).containsExactly("first", "second");
		assertThat(credentials.awaitingNewCredentials()).isTrue();
	}

	@Test
	void otherFailuresAndUnchangedCredentialsAreNotAskedAgain() {
		TokenCredentials credentials = credentials();
		this.endpoint.then(() -> {
			this.secret = "second";
			return ScriptedTokenEndpoint.answer(503, "{}");
		});
		this.endpoint.status(401, "{\"error\":\"invalid_client\"}");

		TokenRequester requester = requester(credentials);
		assertThat(requester.request(null).failure().getHttpStatus()).isEqualTo(503);
		assertThat(this.endpoint.requests()).as("a 503 is no rejection of the client").isEqualTo(1);
		assertThat(requester.request(null).failure().getErrorCode()).isEqualTo("invalid_client");
		assertThat(this.endpoint.requests()).as("the same credentials").isEqualTo(2);
		assertThat(this.rejected).containsExactly("second");
	}

	@Test
	void failureTheCoreDidNotExpectBecomesAnOutcome() {
		this.endpoint.then(() -> {
			throw new IllegalStateException("detail of the fault");
		});

		TokenRequester.Outcome outcome = requester(credentials()).request(null);

		assertThat(outcome.failure().getErrorCode()).isEqualTo(AriaAuthException.UNEXPECTED_ERROR);
		assertThat(outcome.failure().getMessage()).contains("java.lang.IllegalStateException")
			.doesNotContain("detail of the fault");
		assertThat(outcome.token()).isNull();
	}

	@Test
	void failureThrownWhileMicrometerNotifiesAHandlerComesFromTheHandler() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
			@Override
			public void onStart(Observation.Context context) {
				throw new IllegalStateException("handler bug");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});

		Throwable failure = catchThrowable(() -> Observation.start("probe", registry));

		assertThat(failure).isInstanceOf(IllegalStateException.class);
		assertThat(TokenRequester.fromObservationHandler(failure)).isTrue();
		assertThat(TokenRequester.fromObservationHandler(new RuntimeException("wrapped", failure))).isTrue();
	}

	@Test
	void failureOfTheRequestItselfIsNotTakenForAHandlers() {
		assertThat(TokenRequester.fromObservationHandler(new IllegalStateException("request factory bug"))).isFalse();
		// Thrown inside an observation, by what it observes: Micrometer on the stack,
		// but no handler being notified.
		Throwable observed = catchThrowable(
				() -> Observation.createNotStarted("probe", ObservationRegistry.create()).observe(() -> {
					throw new IllegalStateException("request bug");
				}));
		assertThat(observed).hasMessage("request bug");
		assertThat(TokenRequester.fromObservationHandler(observed)).isFalse();
	}

	private TokenCredentials credentials() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("aria")
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(TOKEN_URI.toString())
			.build();
		return new TokenCredentials(registration, new AriaClientCredentialsProvider() {
			@Override
			public AriaClientCredentials getCredentials(String registrationId) {
				return AriaClientCredentials.clientSecret(TokenRequesterTests.this.secret);
			}

			@Override
			public void credentialsRejected(String registrationId, AriaClientCredentials credentials) {
				TokenRequesterTests.this.rejected.add(credentials.getClientSecret());
			}
		});
	}

	private TokenRequester requester(TokenCredentials credentials) {
		ClientRegistration registration = credentials.lastRegistration();
		TokenFailures failures = new TokenFailures(TOKEN_URI, Duration.ofSeconds(30));
		TokenEndpointClient client = new TokenEndpointClient(registration, this.endpoint,
				Clock.fixed(START, ZoneOffset.UTC), Duration.ofMinutes(5), ObservationRegistry.NOOP);
		return new TokenRequester(client,
				new TokenRequestObservations(ObservationRegistry.NOOP, null, "aria", TOKEN_URI), failures, credentials);
	}

}
