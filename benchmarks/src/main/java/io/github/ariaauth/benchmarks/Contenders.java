package io.github.ariaauth.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.AriaTokenTargets;
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;
import io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * The contenders, each built the way a user would build it: aria-auth's interceptor and
 * filter over one {@link AriaTokenManager} with its defaults, Spring Security 7's stock
 * client-credentials interceptor and filter over the authorized-client-service managers,
 * and the floors (nothing, or a fixed header).
 */
final class Contenders {

	/**
	 * Spring Security's default clock skew: a token is treated as expired this long
	 * before it expires.
	 */
	static final Duration SPRING_DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

	private Contenders() {
	}

	static ClientRegistration registration(URI tokenUri) {
		return ClientRegistration.withRegistrationId(AriaTokenManager.REGISTRATION_ID)
			.clientId("bench-client")
			.clientSecret("bench-secret")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.tokenUri(tokenUri.toString())
			.build();
	}

	static AriaTokenManager ariaManager(URI tokenUri) {
		return AriaTokenManager.builder(registration(tokenUri)).build();
	}

	/**
	 * A manager whose token requests are observed by a registry with a handler for every
	 * observation.
	 */
	static AriaTokenManager observedAriaManager(URI tokenUri) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler((context) -> true);
		return AriaTokenManager.builder(registration(tokenUri)).observationRegistry(registry).build();
	}

	static AriaTokenTargets targets(URI api) {
		return AriaTokenTargets.of(api, List.of());
	}

	static ClientHttpRequestInterceptor ariaInterceptor(AriaTokenManager manager, URI api) {
		return new AriaBearerClientHttpRequestInterceptor(manager, targets(api));
	}

	static ExchangeFilterFunction ariaFilter(AriaTokenManager manager, URI api) {
		return new AriaBearerExchangeFilterFunction(manager, targets(api));
	}

	static ClientHttpRequestInterceptor springInterceptor(URI tokenUri, Duration clockSkew) {
		ClientRegistration registration = registration(tokenUri);
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((credentials) -> credentials.clockSkew(clockSkew))
			.build());
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
		interceptor.setClientRegistrationIdResolver((request) -> AriaTokenManager.REGISTRATION_ID);
		return interceptor;
	}

	static ExchangeFilterFunction springFilter(URI tokenUri, Duration clockSkew) {
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration(tokenUri));
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((credentials) -> credentials.clockSkew(clockSkew))
			.build());
		ServerOAuth2AuthorizedClientExchangeFilterFunction filter = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
				manager);
		filter.setDefaultClientRegistrationId(AriaTokenManager.REGISTRATION_ID);
		return filter;
	}

	static ClientHttpRequestInterceptor noAuthInterceptor() {
		return (request, body, execution) -> execution.execute(request, body);
	}

	static ExchangeFilterFunction noAuthFilter() {
		return (request, next) -> next.exchange(request);
	}

	static ClientHttpRequestInterceptor fixedHeaderInterceptor(String token) {
		String value = "Bearer " + token;
		return (request, body, execution) -> {
			request.getHeaders().set(HttpHeaders.AUTHORIZATION, value);
			return execution.execute(request, body);
		};
	}

	static ExchangeFilterFunction fixedHeaderFilter(String token) {
		String value = "Bearer " + token;
		return (request,
				next) -> next.exchange(ClientRequest.from(request)
					.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, value))
					.build());
	}

}
