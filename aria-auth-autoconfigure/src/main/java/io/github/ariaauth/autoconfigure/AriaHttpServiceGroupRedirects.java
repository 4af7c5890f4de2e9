package io.github.ariaauth.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the clients of HTTP service group {@code aria} (and {@code aria-<name>} of each
 * named registration) not follow redirects unless the application says otherwise: they
 * carry the bearer token, and some HTTP clients (the JDK's among them) resend the
 * {@code Authorization} header to whatever host a redirect names.
 * <p>
 * The default is added as the last property source, so
 * {@code spring.http.serviceclient.aria.redirects} set anywhere else wins.
 */
class AriaHttpServiceGroupRedirects implements EnvironmentPostProcessor {

	static final String PROPERTY = "spring.http.serviceclient.aria.redirects";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("aria.auth.enabled", Boolean.class, true)
				|| environment.getPropertySources().contains("ariaAuthDefaults")) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put(PROPERTY, "dont-follow");
		// Added before the names are bound, so that the binding stays valid for the
		// registrar.
		environment.getPropertySources().addLast(new MapPropertySource("ariaAuthDefaults", defaults));
		try {
			// The group of each named registration, aria-<name>, carries that
			// registration's token.
			AriaRegistrationNames.of(environment)
				.forEach(
						(name) -> defaults.put("spring.http.serviceclient.aria-" + name + ".redirects", "dont-follow"));
		}
		catch (RuntimeException ex) {
			// Bad registration properties: the registrar reports them, once the
			// application context (and with it the failure analyzers) is there.
		}
	}

}
