package io.github.ariaauth;

import java.util.Set;

import io.github.ariaauth.converse.AriaConverseClient;
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;

import org.springframework.web.client.RestClient;

/**
 * The application's Aria registrations by name, for code that picks a service account at
 * run time (per request, per tenant): the default registration is
 * {@value AriaTokenManager#REGISTRATION_ID}, the others are named under
 * {@code aria.auth.registrations}. Each name's token core and clients are the same
 * instances as its beans ({@code ariaTokenManager-<name>}, {@code ariaRestClient-<name>},
 * {@code ariaWebClient-<name>}, {@code ariaConverseClient-<name>},
 * {@code ariaReactiveConverseClient-<name>}): for example
 * {@code registrations.client("emea-portal", WebClient.class)}.
 * <p>
 * Registrations can also be {@linkplain #add added} and {@linkplain #remove removed}
 * while the application runs (a tenant onboarded or offboarded without a restart). An
 * added registration is not a Spring bean: it is reached by name through this interface
 * only, with the same isolation, host rules, metrics, health entry and observations as a
 * configured named registration.
 *
 * @since 0.1.0
 */
public interface AriaRegistrations {

	/**
	 * Return the names of the registrations.
	 * @return the names, in the order they were configured (the default registration
	 * first, if any), then those added at run time; a snapshot
	 */
	Set<String> names();

	/**
	 * Return the token core of a registration.
	 * @param name the registration's name
	 * @return its token manager
	 * @throws IllegalArgumentException if there is no such registration
	 */
	AriaTokenManager tokenManager(String name);

	/**
	 * Return the {@link RestClient} of a registration: pointed at its Billie Connect host
	 * and carrying its token.
	 * @param name the registration's name
	 * @return its client
	 * @throws IllegalArgumentException if there is no such registration
	 */
	default RestClient restClient(String name) {
		return client(name, RestClient.class);
	}

	/**
	 * Return the typed Converse client of a registration, over its {@link RestClient}.
	 * @param name the registration's name
	 * @return its Converse client
	 * @throws IllegalArgumentException if there is no such registration or client
	 */
	default AriaConverseClient converseClient(String name) {
		return client(name, AriaConverseClient.class);
	}

	/**
	 * Return a client of a registration, pointed at its Billie Connect host and carrying
	 * its token: {@code RestClient.class}, {@code AriaConverseClient.class}, or, with
	 * Spring WebFlux on the class path, {@code WebClient.class} and
	 * {@code ReactiveAriaConverseClient.class}. The type is a parameter so that
	 * applications without WebFlux can use this interface.
	 * @param <C> the type of client
	 * @param name the registration's name
	 * @param clientType one of the types above
	 * @return its client
	 * @throws IllegalArgumentException if there is no such registration or no such client
	 */
	<C> C client(String name, Class<C> clientType);

	/**
	 * Return the interceptor that carries a registration's token, for a
	 * {@link RestClient} the application builds itself: it adds the token only to
	 * requests to the registration's own API host and {@code allowed-hosts}, and resends
	 * once with a fresh token after a 401. Build the client on a request factory that
	 * does not follow redirects, such as the bean {@code ariaClientHttpRequestFactory}.
	 * @param name the registration's name
	 * @return its interceptor (the bean {@code ariaClientHttpRequestInterceptor} or
	 * {@code ariaClientHttpRequestInterceptor-<name>})
	 * @throws IllegalArgumentException if there is no such registration
	 */
	AriaBearerClientHttpRequestInterceptor interceptor(String name);

	/**
	 * Return the exchange filter that carries a registration's token, for a
	 * {@code WebClient} the application builds itself, with the same host rules as
	 * {@link #interceptor(String)}. The type is a parameter so that applications without
	 * WebFlux can use this interface.
	 * @param <F> the type of filter
	 * @param name the registration's name
	 * @param filterType {@code AriaBearerExchangeFilterFunction.class} or
	 * {@code ExchangeFilterFunction.class}
	 * @return its filter (the bean {@code ariaExchangeFilterFunction} or
	 * {@code ariaExchangeFilterFunction-<name>})
	 * @throws IllegalArgumentException if there is no such registration or WebFlux is
	 * missing
	 */
	<F> F exchangeFilter(String name, Class<F> filterType);

	/**
	 * Add a registration while the application runs, built as a registration configured
	 * under {@code aria.auth.registrations.<name>} would be (its token settings are those
	 * of an {@code AriaNamedRegistrationProperties}, else the top-level
	 * {@code aria.auth.token.*}). No token is fetched yet. A name in use or invalid, or a
	 * missing or invalid setting, is refused with the auto-configuration's
	 * {@code AriaAuthConfigurationException}, which names the property path the setting
	 * would have under {@code aria.auth.registrations.<name>}.
	 * @param name the registration's name: lower-case letters, digits and '-', not in use
	 * and not {@value AriaTokenManager#REGISTRATION_ID}
	 * @param properties its settings
	 * @return its token core
	 * @throws UnsupportedOperationException if this implementation cannot add
	 * @since 0.1.0
	 */
	default AriaTokenManager add(String name, AriaRegistrationProperties properties) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot add registrations");
	}

	/**
	 * Remove a registration added with {@link #add}: its token core is closed and
	 * everything it held is released. From then on, code that still holds its token
	 * manager, clients, interceptor or filter gets an {@link AriaAuthException} with code
	 * {@value AriaAuthException#CLOSED}, and a look-up by its name an
	 * {@link IllegalArgumentException}.
	 * @param name the registration's name
	 * @throws IllegalArgumentException if there is no such registration, or it is
	 * configured (configured registrations have beans and stay)
	 * @throws UnsupportedOperationException if this implementation cannot remove
	 * @since 0.1.0
	 */
	default void remove(String name) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot remove registrations");
	}

}
