package io.github.ariaauth.webclient;

import java.net.URI;
import java.util.List;

import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.AriaTokenTargets;
import io.github.ariaauth.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The filter on its own; its behaviour over HTTP is in the client tests of the
 * auto-configuration.
 */
class AriaBearerExchangeFilterFunctionTests {

	@Test
	void filterAndGroupConfigurerNeedWhatTheyAreBuiltFrom() {
		AriaTokenTargets targets = AriaTokenTargets.of(URI.create("https://billieconnect.ariasystems.net"), List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> new AriaBearerExchangeFilterFunction(null, targets))
			.withMessageContaining("tokenManager");
		ClientRegistration registration = ClientRegistration.withRegistrationId("aria")
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("https://login.example/token")
			.build();
		try (AriaTokenManager manager = AriaTokenManager.builder(registration).build()) {
			assertThatIllegalArgumentException().isThrownBy(() -> new AriaBearerExchangeFilterFunction(manager, null))
				.withMessageContaining("targets");
			AriaBearerExchangeFilterFunction filter = new AriaBearerExchangeFilterFunction(manager, targets);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new AriaWebClientHttpServiceGroupConfigurer(null, filter))
				.withMessageContaining("baseUrl");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new AriaWebClientHttpServiceGroupConfigurer(URI.create("https://b.example"), null))
				.withMessageContaining("filter");
		}
	}

}
