package io.github.ariaauth.test;

/**
 * Endpoint group of an {@link AriaStandIn} that a {@link Fault} can be injected into.
 *
 * @since 0.1.0
 * @see AriaStandIn#failNext(Endpoint, int, Fault)
 */
public enum Endpoint {

	/**
	 * The OAuth 2.0 token endpoint.
	 */
	TOKEN,

	/**
	 * The Billie Connect Converse API, versions 2 and 3.
	 */
	API

}
