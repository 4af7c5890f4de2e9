package io.github.ariaauth.test;

import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.autoconfigure.AriaAuthAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with two service accounts tested against two stand-ins, with no glue:
 * one extension per registration, their properties registered by name, and each stand-in
 * injected where its test asks for it.
 */
@SpringBootTest(classes = TwoServiceAccountsTests.TokenCoreApplication.class)
class TwoServiceAccountsTests {

	@RegisterExtension
	static final AriaStandInExtension aria = new AriaStandInExtension(AriaStandIn.builder().clientNo("7000213"));

	@RegisterExtension
	static final AriaStandInExtension emea = new AriaStandInExtension("emea",
			AriaStandIn.builder().clientId("emea-client").clientNo("7000999"));

	@DynamicPropertySource
	static void ariaProperties(DynamicPropertyRegistry registry) {
		AriaStandInProperties.register(registry, aria);
		AriaStandInProperties.register(registry, emea);
	}

	@Autowired
	private AriaRegistrations registrations;

	@Test
	void eachRegistrationGetsItsTokenFromItsOwnStandIn(AriaStandIn defaultStandIn,
			@AriaStandInFor("emea") AriaStandIn emeaStandIn) {
		assertThat(defaultStandIn).isSameAs(aria.standIn());
		assertThat(emeaStandIn).isSameAs(emea.standIn());

		assertThat(this.registrations.names()).containsExactly("aria", "emea");
		assertThat(this.registrations.tokenManager("emea").getClaims().clientNo()).isEqualTo("7000999");
		assertThat(this.registrations.tokenManager("aria").getClaims().clientNo()).isEqualTo("7000213");

		assertThat(emeaStandIn.tokenRequestCount()).isOne();
		assertThat(defaultStandIn.tokenRequestCount()).isOne();
	}

	@Test
	void bothStandInsAreResetAndEachTokenCoreStartsCleanInEveryTest(AriaStandIn defaultStandIn,
			@AriaStandInFor("emea") AriaStandIn emeaStandIn) {
		AriaTokenManager emeaTokens = this.registrations.tokenManager("emea");
		assertThat(emeaStandIn.issuedTokens()).isEmpty();
		assertThat(emeaTokens.getCachedToken()).isEmpty();
		emeaTokens.getToken();
		assertThat(emeaStandIn.issuedTokens()).hasSize(1);
		assertThat(defaultStandIn.issuedTokens()).isEmpty();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AriaAuthAutoConfiguration.class)
	static class TokenCoreApplication {

	}

}
