package io.github.ariaauth.test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AriaStandInMain}.
 */
class AriaStandInMainTests {

	@Test
	void printsAddressesAndTestCredentials() throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (AriaStandIn standIn = AriaStandInMain.start(new String[] { "0" },
				new PrintStream(output, true, StandardCharsets.UTF_8))) {
			assertThat(output.toString(StandardCharsets.UTF_8)).contains("aria.auth.token-uri=" + standIn.tokenUri())
				.contains("aria.auth.api-base-url=" + standIn.apiBaseUrl())
				.contains("aria.auth.client-id=aria-test-client")
				.contains("aria.auth.client-secret=aria-test-secret");
			assertThat(StandInHttp.requestToken(standIn).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void rejectsPortThatIsNotNumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AriaStandInMain.start(new String[] { "eighty" }, System.out))
			.withMessageContaining("eighty");
	}

}
