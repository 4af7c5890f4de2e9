package io.github.ariaauth.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the clients of HTTP service group {@code aria} not follow redirects unless the application says
 * otherwise: they carry the bearer token, and some HTTP clients (the JDK's among them) resend the
 * {@code Authorization} header to whatever host a redirect names.
 * <p>
 * The default is added as the last property source, so {@code spring.http.serviceclient.aria.redirects} set
 * anywhere else wins.
 */
class AriaHttpServiceGroupRedirects implements EnvironmentPostProcessor {

	static final String PROPERTY = "spring.http.serviceclient.aria.redirects";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("aria.auth.enabled", Boolean.class, true)
				|| environment.getPropertySources().contains("ariaAuthDefaults")) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("ariaAuthDefaults", Map.of(PROPERTY, "dont-follow")));
	}

}
