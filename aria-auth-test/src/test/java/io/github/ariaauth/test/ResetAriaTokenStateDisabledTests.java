package io.github.ariaauth.test;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.autoconfigure.AriaAuthAutoConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code aria.auth.test.reset-token-state=false} the token state is kept across the
 * test methods of a context: the second test still holds the first test's token. This
 * class depends on its order on purpose, to show what the reset prevents.
 */
@SpringBootTest(classes = ResetAriaTokenStateDisabledTests.TokenCoreApplication.class,
		properties = ResetAriaTokenStateTestExecutionListener.ENABLED_PROPERTY + "=false")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetAriaTokenStateDisabledTests {

	@RegisterExtension
	static AriaStandInExtension aria = new AriaStandInExtension();

	private static @Nullable AriaAccessToken firstToken;

	@Autowired
	private AriaTokenManager tokens;

	@DynamicPropertySource
	static void ariaProperties(DynamicPropertyRegistry registry) {
		AriaStandInProperties.register(registry, aria);
	}

	@Test
	@Order(1)
	void fetchesAToken() {
		firstToken = this.tokens.getToken();
	}

	@Test
	@Order(2)
	void stillHoldsTheFirstTestsToken(AriaStandIn standIn) {
		assertThat(firstToken).isNotNull();
		assertThat(this.tokens.getCachedToken()).contains(firstToken);
		assertThat(this.tokens.getToken()).isEqualTo(firstToken);
		assertThat(standIn.tokenRequestCount()).isZero();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AriaAuthAutoConfiguration.class)
	static class TokenCoreApplication {

	}

}
