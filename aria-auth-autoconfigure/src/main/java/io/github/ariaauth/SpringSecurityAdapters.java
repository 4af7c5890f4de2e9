package io.github.ariaauth;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizationFailureHandler;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizationFailureHandler;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * Spring Security's view of a token manager: authorized-client managers that answer for
 * the manager's registration id only, with the manager's cached token, and failure
 * handlers that drop a token the API rejected.
 */
final class SpringSecurityAdapters {

	private final AriaTokenManager manager;

	private final ClientRegistration registration;

	SpringSecurityAdapters(AriaTokenManager manager, ClientRegistration registration) {
		this.manager = manager;
		this.registration = registration;
	}

	OAuth2AuthorizedClientManager authorizedClientManager() {
		return (request) -> supports(request) ? authorizedClient(this.manager.getToken(), request) : null;
	}

	ReactiveOAuth2AuthorizedClientManager reactiveAuthorizedClientManager() {
		return (request) -> supports(request)
				? this.manager.getTokenMono().map((token) -> authorizedClient(token, request)) : Mono.empty();
	}

	/**
	 * Drop the cached token when Spring Security's clients report that the API rejected
	 * it ({@code invalid_token}, their reading of a 401), as Spring Security's own
	 * handler removes an authorized client; the manager's 401 policy still applies.
	 */
	OAuth2AuthorizationFailureHandler authorizationFailureHandler() {
		return (failure, principal, attributes) -> dropRejectedToken(failure);
	}

	ReactiveOAuth2AuthorizationFailureHandler reactiveAuthorizationFailureHandler() {
		return (failure, principal, attributes) -> Mono.fromRunnable(() -> dropRejectedToken(failure));
	}

	private void dropRejectedToken(OAuth2AuthorizationException failure) {
		if (failure instanceof ClientAuthorizationException client
				&& this.registration.getRegistrationId().equals(client.getClientRegistrationId())
				&& OAuth2ErrorCodes.INVALID_TOKEN.equals(failure.getError().getErrorCode())) {
			this.manager.getCachedToken().ifPresent(this.manager::invalidate);
		}
	}

	private boolean supports(OAuth2AuthorizeRequest request) {
		return this.registration.getRegistrationId().equals(request.getClientRegistrationId());
	}

	private OAuth2AuthorizedClient authorizedClient(AriaAccessToken token, OAuth2AuthorizeRequest request) {
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token.tokenValue(),
				token.issuedAt(), token.expiresAt(), token.scopes());
		return new OAuth2AuthorizedClient(this.registration, request.getPrincipal().getName(), accessToken);
	}

}
