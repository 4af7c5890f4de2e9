package io.github.ariaauth;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Spring Security's view of a token manager: authorized-client managers that answer for
 * the manager's registration id only, with the manager's cached token.
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

	private boolean supports(OAuth2AuthorizeRequest request) {
		return this.registration.getRegistrationId().equals(request.getClientRegistrationId());
	}

	private OAuth2AuthorizedClient authorizedClient(AriaAccessToken token, OAuth2AuthorizeRequest request) {
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token.tokenValue(),
				token.issuedAt(), token.expiresAt(), token.scopes());
		return new OAuth2AuthorizedClient(this.registration, request.getPrincipal().getName(), accessToken);
	}

}
