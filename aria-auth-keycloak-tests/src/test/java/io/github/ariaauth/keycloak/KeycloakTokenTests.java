package io.github.ariaauth.keycloak;

import java.time.Duration;
import java.util.Map;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaTokenClaims;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.keycloak.BillieResourceServer.Outcome;
import io.github.ariaauth.keycloak.TokenRequestRecorder.ClientAuthentication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * aria-auth obtains Keycloak's tokens with either client authentication method and sends
 * them through both of its clients to an API that validates them against Keycloak's keys.
 */
// Output capture first: it must have started when a missing JDK aborts the class in
// KeycloakExtension.
@ExtendWith({ OutputCaptureExtension.class, KeycloakExtension.class })
class KeycloakTokenTests {

	private BillieResourceServer api;

	private TokenRequestRecorder tokenEndpoint;

	@BeforeEach
	void startServers(KeycloakServer keycloak, BillieResourceServer api) {
		this.api = api;
		this.tokenEndpoint = new TokenRequestRecorder(keycloak);
	}

	@AfterEach
	void stopTokenEndpoint() {
		this.tokenEndpoint.close();
	}

	@Test
	void clientSecretPostObtainsATokenWithAriasClaims(KeycloakServer keycloak, CapturedOutput output) {
		ClientAuthentication sent = obtainTokenAndCallBillie(keycloak, "client-secret-post", output);
		assertThat(sent).isEqualTo(new ClientAuthentication(false, true, true));
	}

	@Test
	void clientSecretBasicObtainsATokenWithAriasClaims(KeycloakServer keycloak, CapturedOutput output) {
		ClientAuthentication sent = obtainTokenAndCallBillie(keycloak, "client-secret-basic", output);
		assertThat(sent).isEqualTo(new ClientAuthentication(true, false, false));
	}

	private ClientAuthentication obtainTokenAndCallBillie(KeycloakServer keycloak, String method,
			CapturedOutput output) {
		Map<String, Object> properties = InteropApplication.properties(this.tokenEndpoint.tokenUri(), this.api,
				AriaRealm.HOUR);
		properties.put("aria.auth.client-authentication-method", method);
		AriaAccessToken token;
		try (ConfigurableApplicationContext context = InteropApplication.run(properties)) {
			Billie billie = new Billie(context);
			Map<String, String> viaRestClient = billie.askWithRestClient();
			Map<String, String> viaWebClient = billie.askWithWebClient();

			AriaTokenManager tokens = context.getBean(AriaTokenManager.class);
			token = tokens.getToken();
			AriaTokenClaims claims = tokens.getClaims();
			assertThat(claims.clientNo()).isEqualTo(AriaRealm.HOUR.clientNo);
			assertThat(claims.accountNo()).isEqualTo(AriaRealm.HOUR.accountNo);
			assertThat(claims.audience()).containsExactly(AriaRealm.AUDIENCE);
			assertThat(claims.issuer()).isEqualTo(keycloak.issuer());
			assertThat(claims.subject()).isNotBlank();
			assertThat(claims.scopes()).containsExactly(AriaRealm.SCOPE);
			assertThat(token.scopes()).containsExactly(AriaRealm.SCOPE);
			// Keycloak reads its clock in whole seconds, once for iat, once for exp and
			// once for expires_in (exp
			// minus now): a second can tick between them.
			assertThat(Duration.between(token.issuedAt(), token.expiresAt())).isBetween(Duration.ofSeconds(3599),
					Duration.ofHours(1));
			assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isBetween(Duration.ofHours(1),
					Duration.ofSeconds(3601));

			// The API validated the token (signature, issuer, audience, expiry) and
			// answered from its claims.
			assertThat(viaRestClient).containsEntry("client_no", AriaRealm.HOUR.clientNo)
				.containsEntry("account_no", AriaRealm.HOUR.accountNo);
			assertThat(viaWebClient).isEqualTo(viaRestClient);
			assertThat(this.api.arrivals()).hasSize(2).allMatch((arrival) -> arrival.outcome() == Outcome.ACCEPTED);
			assertThat(context.getBean(TokenRequests.class).fetched()).hasSize(1);
		}
		assertThat(output).doesNotContain(AriaRealm.HOUR.secret).doesNotContain(token.tokenValue());
		assertThat(this.tokenEndpoint.requests()).hasSize(1);
		return this.tokenEndpoint.requests().get(0);
	}

}
