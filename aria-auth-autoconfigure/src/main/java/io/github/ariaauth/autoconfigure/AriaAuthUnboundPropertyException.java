package io.github.ariaauth.autoconfigure;

/**
 * A key under {@code aria.auth.registrations} binds to no property of any registration: a
 * typo, a registration that does not exist, or an environment variable whose name Spring
 * Boot reads differently from what was meant.
 */
class AriaAuthUnboundPropertyException extends AriaAuthConfigurationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param property the key, with the environment variable it came from if any
	 * @param origin where the key was set; never its value, which may be a secret
	 * @param expected why it binds to nothing and what would
	 */
	AriaAuthUnboundPropertyException(String property, String origin, String expected) {
		super(property + " binds to nothing: " + expected, property, origin, expected);
	}

}
