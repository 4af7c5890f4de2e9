package io.github.ariaauth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An observation handler that throws is the application's bug: it is logged once at WARN,
 * and from then on token requests are no longer observed, so the handler is not called
 * again and the log is not flooded, while tokens keep coming.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservationHandlerFailureTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	private static final Pattern WARNING = Pattern.compile("WARN.*An observation handler failed on an aria-auth");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final MutableClock clock = new MutableClock(START);

	@Test
	void failingHandlerIsLoggedOnceAtWarnThenTokenRequestsAreNoLongerObserved(CapturedOutput output) {
		AtomicInteger handlerCalls = new AtomicInteger();
		ObservationRegistry broken = ObservationRegistry.create();
		broken.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStart(Observation.Context context) {
				handlerCalls.incrementAndGet();
				throw new IllegalStateException("tracer bug");
			}

		});
		try (AriaTokenManager manager = manager(broken)) {
			for (int i = 1; i <= 3; i++) {
				// Each token expires before the next call, so every call fetches.
				this.server.enqueue(TestTokens
					.tokenResponse(TestTokens.jwt(this.clock.instant(), this.clock.instant().plusSeconds(60)), 60));
				assertThat(manager.getToken()).isNotNull();
				this.clock.advance(Duration.ofSeconds(120));
			}
			assertThat(this.server.getRequestCount()).isEqualTo(3);
		}
		assertThat(handlerCalls).hasValue(1);
		assertThat(occurrences(output.getAll())).as("WARN lines about the handler").isOne();
	}

	private AriaTokenManager manager(ObservationRegistry registry) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("aria")
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(this.server.url("/token").toString())
			.build();
		return AriaTokenManager.builder(registration).clock(this.clock).observationRegistry(registry).build();
	}

	private static int occurrences(String text) {
		Matcher matcher = WARNING.matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
