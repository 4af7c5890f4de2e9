package io.github.ariaauth.sample;

import io.github.ariaauth.AriaTokenClaims;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.converse.ConverseResponse;
import io.github.ariaauth.sample.Billie.Via;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.AotDetector;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Asks Billie one question when the application has started, through each client of
 * {@code sample.ask-via}, and logs the answers with the Aria client and account the token
 * speaks for (never the token itself).
 */
@Component
class StartupQuestion implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(StartupQuestion.class);

	private final Billie billie;

	private final AriaTokenManager tokens;

	private final SampleProperties properties;

	StartupQuestion(Billie billie, AriaTokenManager tokens, SampleProperties properties) {
		this.billie = billie;
		this.tokens = tokens;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.properties.askOnStartup()) {
			return;
		}
		if (AotDetector.useGeneratedArtifacts()) {
			logger.info("Running the ahead-of-time processed application (spring.aot.enabled=true)");
		}
		String question = this.properties.question();
		logger.info("Asking Billie: " + question);
		for (Via via : this.properties.askVia()) {
			ConverseResponse answer;
			try {
				answer = this.billie.ask(question, via);
			}
			catch (RuntimeException ex) {
				if (this.properties.exitAfterStartup()) {
					throw ex;
				}
				// a server stays up: POST /ask may work once Aria is reachable
				logger.error("Billie could not answer the startup question: " + ex.getMessage());
				return;
			}
			logger.info("Billie answered via " + via + " (" + answer.responseType() + "): " + answer.text());
		}
		AriaTokenClaims claims = this.tokens.getClaims();
		logger.info("Token for client_no " + claims.clientNo() + ", account_no " + claims.accountNo() + ", expires "
				+ claims.expiresAt());
	}

}
