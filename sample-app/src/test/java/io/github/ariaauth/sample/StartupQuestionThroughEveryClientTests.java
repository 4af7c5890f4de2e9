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
 * With {@code sample.ask-via} naming all three clients (as the AOT run in CI does), the
 * startup question is asked through each, all on one token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "sample.ask-via=webclient,rest,interface")
@ExtendWith(OutputCaptureExtension.class)
class StartupQuestionThroughEveryClientTests {

	@Autowired
	private AriaStandIn standIn;

	@Test
	void logsAnAnswerFromEachClient(CapturedOutput output) {
		assertThat(output).contains("Billie answered via webclient (BILLING_INFO): The balance for account 12345")
			.contains("Billie answered via rest (BILLING_INFO): The balance for account 12345")
			.contains("Billie answered via interface (BILLING_INFO): The balance for account 12345");
		assertThat(this.standIn.apiRequestCount()).isEqualTo(3);
		assertThat(this.standIn.tokenRequestCount()).isOne();
	}

}
