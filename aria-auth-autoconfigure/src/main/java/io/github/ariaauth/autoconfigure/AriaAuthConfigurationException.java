package io.github.ariaauth.autoconfigure;

/**
 * An {@code aria.auth.*} property has a value aria-auth cannot work with.
 *
 * @since 0.1.0
 */
public class AriaAuthConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String value;

	private final String expected;

	/**
	 * Create a new instance.
	 * @param property the full property name, such as {@code aria.auth.region}
	 * @param value the offending value as it may be shown (never a secret)
	 * @param expected the values that would be valid
	 */
	public AriaAuthConfigurationException(String property, String value, String expected) {
		this("Invalid value " + value + " for " + property + "; expected " + expected, property, value, expected);
	}

	AriaAuthConfigurationException(String message, String property, String value, String expected) {
		super(message);
		this.property = property;
		this.value = value;
		this.expected = expected;
	}

	/**
	 * Return the property name.
	 * @return the property
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the offending value as it may be shown.
	 * @return the value
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Return a description of the valid values.
	 * @return the valid values
	 */
	public String getExpected() {
		return this.expected;
	}

}
