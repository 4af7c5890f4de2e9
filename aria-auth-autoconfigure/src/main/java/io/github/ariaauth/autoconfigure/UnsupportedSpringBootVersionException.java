package io.github.ariaauth.autoconfigure;

/**
 * The application runs on a Spring Boot generation that aria-auth does not support.
 * <p>
 * Thrown while the environment is prepared, before any aria-auth auto-configuration is
 * loaded, so an incompatible application stops with a clear message instead of a
 * {@link NoClassDefFoundError}.
 *
 * @since 0.1.0
 */
public class UnsupportedSpringBootVersionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String springBootVersion;

	private final String supportedVersions;

	/**
	 * Create a new instance.
	 * @param springBootVersion the Spring Boot version the application runs on
	 * @param supportedVersions the Spring Boot versions aria-auth supports, such as
	 * {@code 4.0.x, 4.1.x}
	 */
	public UnsupportedSpringBootVersionException(String springBootVersion, String supportedVersions) {
		super("aria-auth supports Spring Boot " + supportedVersions + "; the application runs on Spring Boot "
				+ springBootVersion);
		this.springBootVersion = springBootVersion;
		this.supportedVersions = supportedVersions;
	}

	/**
	 * Return the Spring Boot version the application runs on.
	 * @return the Spring Boot version in use
	 */
	public String getSpringBootVersion() {
		return this.springBootVersion;
	}

	/**
	 * Return the Spring Boot versions aria-auth supports.
	 * @return the supported versions, such as {@code 4.0.x, 4.1.x}
	 */
	public String getSupportedVersions() {
		return this.supportedVersions;
	}

}
