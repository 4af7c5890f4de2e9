package io.github.ariaauth;

import java.util.Set;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The application's Aria registrations by name, for code that picks a service account at run time (per request,
 * per tenant): the default registration is {@value AriaTokenManager#REGISTRATION_ID}, the others are named
 * under {@code aria.auth.registrations}. Each name's token core and clients are the same instances as its beans
 * ({@code ariaTokenManager-<name>}, {@code ariaRestClient-<name>}, {@code ariaWebClient-<name>}).
 *
 * @since 0.1.0
 */
public interface AriaRegistrations {

	/**
	 * Return the names of the registrations.
	 * @return the names, in the order they were configured (the default registration first, if any)
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
	 * Return the {@link RestClient} of a registration: pointed at its Billie Connect host and carrying its token.
	 * @param name the registration's name
	 * @return its client
	 * @throws IllegalArgumentException if there is no such registration
	 */
	RestClient restClient(String name);

	/**
	 * Return the {@link WebClient} of a registration: pointed at its Billie Connect host and carrying its token.
	 * @param name the registration's name
	 * @return its client
	 * @throws IllegalArgumentException if there is no such registration
	 * @throws IllegalStateException if Spring WebFlux is not on the class path
	 */
	WebClient webClient(String name);

}
