package io.github.ariaauth.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains that aria-auth does not support the application's Spring Boot generation.
 * <p>
 * Loaded on Spring Boot 3 as well as 4, so it uses only API the two share.
 */
class UnsupportedSpringBootVersionFailureAnalyzer
		extends AbstractFailureAnalyzer<UnsupportedSpringBootVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedSpringBootVersionException cause) {
		String description = String.format(
				"aria-auth does not support the Spring Boot version in use:%n%n"
						+ "    Spring Boot in use: %s%n    Supported: Spring Boot %s (Java 17 or later)%n",
				cause.getSpringBootVersion(), cause.getSupportedVersions());
		String action = String.format("Upgrade the application to a supported Spring Boot version (%s), or remove "
				+ "aria-auth-spring-boot-starter from its dependencies. The compatibility table in aria-auth's "
				+ "README lists the tested combinations.", cause.getSupportedVersions());
		return new FailureAnalysis(description, action, cause);
	}

}
