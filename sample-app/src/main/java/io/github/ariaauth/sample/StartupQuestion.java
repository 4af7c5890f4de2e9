package io.github.ariaauth.sample;

import io.github.ariaauth.AriaTokenClaims;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.converse.ConverseResponse;
import io.github.ariaauth.sample.Billie.Via;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Asks Billie one question when the application has started and logs the answer, with the Aria client and
 * account the token speaks for (never the token itself).
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
		String question = this.properties.question();
		logger.info("Asking Billie: " + question);
		ConverseResponse answer;
		try {
			answer = this.billie.ask(question, Via.WEBCLIENT);
		}
		catch (RuntimeException ex) {
			if (this.properties.exitAfterStartup()) {
				throw ex;
			}
			// a server stays up: POST /ask may work once Aria is reachable
			logger.error("Billie could not answer the startup question: " + ex.getMessage());
			return;
		}
		logger.info("Billie answered (" + answer.responseType() + "): " + answer.text());
		AriaTokenClaims claims = this.tokens.getClaims();
		logger.info("Token for client_no " + claims.clientNo() + ", account_no " + claims.accountNo() + ", expires "
				+ claims.expiresAt());
	}

}
