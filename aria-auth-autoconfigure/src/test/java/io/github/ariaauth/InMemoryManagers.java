package io.github.ariaauth;

import java.time.Clock;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Token managers for unit tests: the token endpoint in memory, requests run when the test
 * runs its {@link ManualExecutor}, waiters answered on the thread that settles.
 */
final class InMemoryManagers {

	private InMemoryManagers() {
	}

	static AriaTokenManager.Builder builder(ScriptedTokenEndpoint endpoint, ManualExecutor executor, Clock clock) {
		ClientRegistration registration = ClientRegistration.withRegistrationId(AriaTokenManager.REGISTRATION_ID)
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("https://sso.example.com/realms/aria/token")
			.build();
		return AriaTokenManager.builder(registration)
			.requestFactory(endpoint)
			.executor(executor)
			.completionExecutor(Runnable::run)
			.clock(clock);
	}

}
