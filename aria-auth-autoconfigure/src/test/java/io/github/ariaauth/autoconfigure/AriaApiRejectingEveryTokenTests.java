package io.github.ariaauth.autoconfigure;

import java.time.Instant;

import io.github.ariaauth.AriaTokenListener;
import io.github.ariaauth.MutableClock;
import io.github.ariaauth.actuate.AriaTokenMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API that rejects every token (a service account without Billie Connect rights, a
 * wrong audience) must not turn each call into a token request. (A token revoked once is
 * still replaced at once: see {@code AriaBearerTokenClientsTests}; the pause itself:
 * {@code AriaTokenManagerFailurePathsTests}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class AriaApiRejectingEveryTokenTests {

	private final FakeAria aria = new FakeAria();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	// Stands still: how many pauses the hundred calls outlast would otherwise depend on
	// how fast the machine makes them.
	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final ApplicationContextRunner contextRunner = this.aria.clientsRunner()
		.withBean(MeterRegistry.class, () -> this.meters)
		.withBean(AriaTokenListener.class, () -> new AriaTokenMetrics(this.meters, "aria"))
		.withBean(AriaTokenManagerBuilderCustomizer.class, () -> (builder) -> builder.clock(this.clock));

	@AfterEach
	void closeServers() {
		this.aria.close();
	}

	@ParameterizedTest
	@EnumSource
	void hundredRejectedCallsCauseAtMostFiveTokenRequestsAndEachCallerGetsTheApisAnswer(AriaClient client,
			CapturedOutput output) {
		this.aria.apiAnswer = (request) -> FakeAria.text(401, "no Billie rights");
		this.contextRunner.run((context) -> {
			for (int i = 0; i < 100; i++) {
				AriaClient.Reply reply = client.get(context, "/api/v2/converse");
				assertThat(reply.status()).isEqualTo(401);
				assertThat(reply.body()).isEqualTo("no Billie rights");
				// Checked after every call, so that a client that keeps fetching tokens
				// fails here at once rather than after a hundred rounds of it.
				assertThat(this.aria.tokensIssued.get()).as("tokens after %d calls", i + 1).isLessThanOrEqualTo(5);
			}
			assertThat(this.aria.tokensIssued.get()).isBetween(2, 5);
			assertThat(this.aria.api.getRequestCount()).isLessThanOrEqualTo(100 + this.aria.tokensIssued.get());
			assertThat(this.meters.get(AriaTokenMetrics.REJECTIONS).counter().count()).isPositive();
			assertThat(output.getOut().split("the token is not the problem", -1)).as("one WARN").hasSize(2);
			assertThat(output).contains("WARN", "may use Billie Connect", "billie-connect-api")
				.doesNotContain("test-secret", "token-1", "token-2");
		});
	}

}
