package io.github.ariaauth.autoconfigure;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains a missing bean of the default registration (an {@code AriaConverseClient},
 * {@code @Qualifier("ariaRestClient")}, ...) when there is no default registration:
 * Boot's own analysis would only list the conditions of the client beans, not that no
 * registration is configured.
 */
class NoDefaultRegistrationFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	private static final Set<String> TYPES = Set.of("io.github.ariaauth.AriaTokenManager",
			"io.github.ariaauth.AriaEndpoints", "io.github.ariaauth.converse.AriaConverseClient",
			"io.github.ariaauth.converse.ReactiveAriaConverseClient",
			"io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor",
			"io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction");

	private static final List<String> BEAN_NAMES = List.of("ariaTokenManager", "ariaEndpoints", "ariaRestClient",
			"ariaWebClient", "ariaConverseClient", "ariaReactiveConverseClient", "ariaClientHttpRequestInterceptor",
			"ariaExchangeFilterFunction");

	private final @Nullable Environment environment;

	NoDefaultRegistrationFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause,
			@Nullable String description) {
		if (this.environment == null || !isDefaultRegistrationBean(cause) || hasDefaultRegistration()) {
			return null;
		}
		String what = (description != null) ? description : "The application";
		return new FailureAnalysis(
				what + " needs a bean of the default Aria registration 'aria', and there is none: "
						+ DefaultRegistrationCondition.whyNone(this.environment) + ".",
				"Configure the default registration (aria.auth.region, aria.auth.client-id and "
						+ "aria.auth.client-secret), or look registrations up by name through "
						+ "io.github.ariaauth.AriaRegistrations (tokenManager(name), restClient(name), "
						+ "converseClient(name), client(name, WebClient.class)).",
				cause);
	}

	private boolean hasDefaultRegistration() {
		Environment environment = this.environment;
		try {
			return environment == null || !environment.getProperty("aria.auth.enabled", Boolean.class, true)
					|| DefaultRegistrationCondition.wanted(environment);
		}
		catch (RuntimeException badConfiguration) {
			// Reported by the startup failure it causes, not here.
			return true;
		}
	}

	private static boolean isDefaultRegistrationBean(NoSuchBeanDefinitionException cause) {
		if (cause.getBeanType() != null && TYPES.contains(cause.getBeanType().getName())) {
			return true;
		}
		String message = String.valueOf(cause.getMessage());
		return BEAN_NAMES.stream()
			.anyMatch((name) -> name.equals(cause.getBeanName()) || message.contains("\"" + name + "\""));
	}

	@Override
	public int getOrder() {
		// Ahead of Boot's analyzer of the same exception.
		return 0;
	}

}
