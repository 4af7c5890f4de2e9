package io.github.ariaauth.autoconfigure;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Stops startup with an {@link UnsupportedSpringBootVersionException} when the
 * application runs on a Spring Boot generation older than the one aria-auth is built for,
 * and warns on a newer one.
 * <p>
 * Registered in {@code META-INF/spring.factories} under {@code ApplicationListener}, a
 * key Spring Boot 3 and 4 both read, and written against API the two share: on Spring
 * Boot 3 it must load and run before any auto-configuration that needs Spring Boot 4 is
 * touched. It does nothing when {@code aria.auth.enabled} is {@code false} or when the
 * Spring Boot version cannot be determined (for example from a repackaged jar without its
 * manifest).
 */
class SpringBootVersionVerifier implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String SUPPORTED_VERSIONS = "4.0.x, 4.1.x";

	private static final int SUPPORTED_GENERATION = 4;

	private static final Log logger = LogFactory.getLog(SpringBootVersionVerifier.class);

	private final Supplier<@Nullable String> springBootVersion;

	SpringBootVersionVerifier() {
		this(SpringBootVersion::getVersion);
	}

	SpringBootVersionVerifier(Supplier<@Nullable String> springBootVersion) {
		this.springBootVersion = springBootVersion;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (!event.getEnvironment().getProperty("aria.auth.enabled", Boolean.class, true)) {
			return;
		}
		verify(this.springBootVersion.get());
	}

	void verify(@Nullable String version) {
		if (version == null) {
			return;
		}
		int generation = generation(version);
		if (generation < 0) {
			return;
		}
		if (generation < SUPPORTED_GENERATION) {
			throw new UnsupportedSpringBootVersionException(version, SUPPORTED_VERSIONS);
		}
		if (generation > SUPPORTED_GENERATION && logger.isWarnEnabled()) {
			logger.warn(
					"aria-auth supports Spring Boot " + SUPPORTED_VERSIONS + "; it has not been tested on Spring Boot "
							+ version + "; check for a newer aria-auth release if startup or token handling fails.");
		}
	}

	/**
	 * Return the major version of a Spring Boot version string.
	 * @param version a version such as {@code 4.0.7} or {@code 3.5.0-RC1}, or
	 * {@code null}
	 * @return the major version, or {@code -1} when it cannot be determined
	 */
	static int generation(@Nullable String version) {
		if (version == null) {
			return -1;
		}
		int end = 0;
		while (end < version.length() && Character.isDigit(version.charAt(end))) {
			end++;
		}
		if (end == 0 || end > 4) {
			return -1;
		}
		return Integer.parseInt(version.substring(0, end));
	}

}
