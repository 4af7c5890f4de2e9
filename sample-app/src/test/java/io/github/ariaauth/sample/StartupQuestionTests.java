package io.github.ariaauth.sample;

import io.github.ariaauth.test.AriaStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without credentials the sample says it runs against the local stand-in, asks its
 * startup question and logs the answer with the token's client and account, never the
 * token or the secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class StartupQuestionTests {

	@Autowired
	private AriaStandIn standIn;

	@Test
	void logsBilliesAnswerAndTheTokensClientAndAccount(CapturedOutput output) {
		assertThat(output).contains("LOCAL ARIA STAND-IN at " + this.standIn.apiBaseUrl() + ", NOT Aria")
			.contains("Asking Billie: What is the balance of my account?")
			.contains("Billie answered via webclient (BILLING_INFO): The balance for account 12345 of client 7000213")
			.contains("Token for client_no 7000213, account_no 12345")
			.doesNotContain(this.standIn.clientSecret());
		assertThat(this.standIn.issuedTokens()).isNotEmpty()
			.allSatisfy((token) -> assertThat(output).doesNotContain(token));
		assertThat(this.standIn.tokenRequestCount()).isOne();
		assertThat(this.standIn.apiRequestCount()).isOne();
	}

}
