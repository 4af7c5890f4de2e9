package io.github.ariaauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpringSecurityAdapters}: Spring Security's managers and failure
 * handlers answer for the manager's own registration only.
 */
class SpringSecurityAdaptersTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint();

	private final ManualExecutor executor = new ManualExecutor();

	private final AriaTokenManager manager = InMemoryManagers.builder(this.endpoint, this.executor, this.clock).build();

	private final TestingAuthenticationToken principal = new TestingAuthenticationToken("batch", "n/a");

	@Test
	void managersAuthorizeTheRegistrationWithTheCachedToken() {
		AriaAccessToken token = fetch();
		OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId("aria")
			.principal(this.principal)
			.build();

		OAuth2AuthorizedClient client = this.manager.authorizedClientManager().authorize(request);
		OAuth2AuthorizedClient reactive = this.manager.reactiveAuthorizedClientManager()
			.authorize(request)
			.block(Duration.ofSeconds(2));

		for (OAuth2AuthorizedClient authorized : new OAuth2AuthorizedClient[] { client, reactive }) {
			OAuth2AccessToken accessToken = authorized.getAccessToken();
			assertThat(accessToken.getTokenValue()).isEqualTo(token.tokenValue());
			assertThat(accessToken.getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.BEARER);
			assertThat(accessToken.getIssuedAt()).isEqualTo(token.issuedAt());
			assertThat(accessToken.getExpiresAt()).isEqualTo(token.expiresAt());
			assertThat(accessToken.getScopes()).isEqualTo(token.scopes());
			assertThat(authorized.getPrincipalName()).isEqualTo("batch");
			assertThat(authorized.getClientRegistration()).isSameAs(this.manager.getClientRegistration());
		}
		assertThat(this.endpoint.requests()).isEqualTo(1);
	}

	@Test
	void managersAuthorizeNoOtherRegistrationAndFetchNothingForIt() {
		OAuth2AuthorizeRequest other = OAuth2AuthorizeRequest.withClientRegistrationId("github")
			.principal(this.principal)
			.build();

		assertThat(this.manager.authorizedClientManager().authorize(other)).isNull();
		assertThat(this.manager.reactiveAuthorizedClientManager().authorize(other).block(Duration.ofSeconds(2)))
			.isNull();
		assertThat(this.executor.queued()).isZero();
	}

	@Test
	void failureHandlersDropTheTokenOnlyForTheirRegistrationsInvalidToken() {
		AriaAccessToken token = fetch();

		fail(new OAuth2AuthorizationException(new OAuth2Error("invalid_token")));
		fail(new ClientAuthorizationException(new OAuth2Error("invalid_token"), "github"));
		fail(new ClientAuthorizationException(new OAuth2Error("insufficient_scope"), "aria"));
		assertThat(this.manager.getCachedToken()).contains(token);

		fail(new ClientAuthorizationException(new OAuth2Error("invalid_token"), "aria"));
		assertThat(this.manager.getCachedToken()).isEmpty();
	}

	@Test
	void reactiveFailureHandlerDropsTheTokenWhenSubscribed() {
		AriaAccessToken token = fetch();

		Mono<Void> handled = this.manager.reactiveAuthorizationFailureHandler()
			.onAuthorizationFailure(new ClientAuthorizationException(new OAuth2Error("invalid_token"), "aria"),
					this.principal, Map.of());
		assertThat(this.manager.getCachedToken()).as("not before subscription").contains(token);
		handled.block(Duration.ofSeconds(2));

		assertThat(this.manager.getCachedToken()).isEmpty();
	}

	private void fail(OAuth2AuthorizationException failure) {
		this.manager.authorizationFailureHandler().onAuthorizationFailure(failure, this.principal, Map.of());
	}

	private AriaAccessToken fetch() {
		this.endpoint.token(this.clock.instant(), 3600);
		CompletableFuture<AriaAccessToken> token = this.manager.getTokenAsync();
		this.executor.runAll();
		return token.join();
	}

}
