package io.github.ariaauth.autoconfigure;

import java.util.List;

import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.converse.AriaConverseClient;
import io.github.ariaauth.converse.ReactiveAriaConverseClient;
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;
import io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Registers the token core {@code ariaTokenManager-<name>} of each named registration
 * ({@code aria.auth.registrations.<name>}); its nested registrars, imported by the client
 * auto-configurations, register {@code ariaRestClient-<name>} and
 * {@code ariaWebClient-<name>} (with the interceptor
 * {@code ariaClientHttpRequestInterceptor-<name>} and the filter
 * {@code ariaExchangeFilterFunction-<name>}) under the same conditions as
 * {@code ariaRestClient} and {@code ariaWebClient}, and those of the Converse
 * auto-configuration {@code ariaConverseClient-<name>} and
 * {@code ariaReactiveConverseClient-<name>}. Each bean is made by the
 * {@code ariaRegistrations} bean, none is a default candidate (an unqualified injection
 * point still gets the default registration's bean, or the application's own), and the
 * clients are lazy: a thousand registrations build no client until one is used. Plain
 * factory-method definitions, so that AOT processing can write them out.
 */
class AriaRegistrationBeans implements ImportBeanDefinitionRegistrar {

	static final String REGISTRATIONS_BEAN = "ariaRegistrations";

	private static final List<String> CONVERSE_CLIENT_TYPES = List.of("io.github.ariaauth.converse.AriaConverseClient",
			"io.github.ariaauth.converse.ReactiveAriaConverseClient");

	private final Environment environment;

	AriaRegistrationBeans(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String name : AriaRegistrationNames.of(this.environment)) {
			register(registry, "ariaTokenManager-" + name, AriaTokenManager.class, "tokenManager", name);
			keepOutOfPlainInjection(registry, name);
		}
	}

	// A Converse interface imported into group aria-<name> is that registration's: left a
	// default candidate, it would make the default registration's Converse client back
	// off and answer every plain injection as the other account. The application's own
	// imports are registered before any auto-configuration, so before the conditions of
	// the default Converse clients are evaluated.
	private static void keepOutOfPlainInjection(BeanDefinitionRegistry registry, String name) {
		for (String type : CONVERSE_CLIENT_TYPES) {
			String proxy = "aria-" + name + "#" + type;
			if (registry.containsBeanDefinition(proxy)
					&& registry.getBeanDefinition(proxy) instanceof AbstractBeanDefinition definition) {
				definition.setDefaultCandidate(false);
			}
		}
	}

	private static void register(BeanDefinitionRegistry registry, String beanName, Class<?> type, String factoryMethod,
			String registration) {
		boolean typed = factoryMethod.equals("client") || factoryMethod.equals("exchangeFilter");
		if (registry.containsBeanDefinition(beanName)) {
			// The application's own bean of that name wins, as everywhere in aria-auth.
			return;
		}
		RootBeanDefinition definition = new RootBeanDefinition();
		definition.setTargetType(type);
		definition.setFactoryBeanName(REGISTRATIONS_BEAN);
		definition.setFactoryMethodName(factoryMethod);
		ConstructorArgumentValues arguments = new ConstructorArgumentValues();
		arguments.addIndexedArgumentValue(0, registration);
		if (typed) {
			arguments.addIndexedArgumentValue(1, type);
		}
		// Token cores are made when the context starts, so that bad credentials stop it.
		definition.setLazyInit(!factoryMethod.equals("tokenManager"));
		definition.setConstructorArgumentValues(arguments);
		definition.setDefaultCandidate(false);
		// The registrations bean closes what it made.
		definition.setDestroyMethodName("");
		registry.registerBeanDefinition(beanName, definition);
	}

	/**
	 * The clients of one type of every named registration.
	 */
	abstract static class Clients implements ImportBeanDefinitionRegistrar {

		private final Environment environment;

		private final String beanNamePrefix;

		private final Class<?> type;

		private final @Nullable Bearer bearer;

		Clients(Environment environment, String beanNamePrefix, Class<?> type) {
			this(environment, beanNamePrefix, type, null);
		}

		Clients(Environment environment, String beanNamePrefix, Class<?> type, @Nullable Bearer bearer) {
			this.environment = environment;
			this.beanNamePrefix = beanNamePrefix;
			this.type = type;
			this.bearer = bearer;
		}

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			for (String name : AriaRegistrationNames.of(this.environment)) {
				register(registry, this.beanNamePrefix + name, this.type, "client", name);
				if (this.bearer != null) {
					register(registry, this.bearer.beanNamePrefix() + name, this.bearer.type(),
							this.bearer.factoryMethod(), name);
				}
			}
		}

	}

	/**
	 * The interceptor or filter that carries a registration's token, registered beside
	 * its client of the same stack.
	 */
	record Bearer(String beanNamePrefix, Class<?> type, String factoryMethod) {

	}

	/**
	 * {@code ariaRestClient-<name>} and {@code ariaClientHttpRequestInterceptor-<name>},
	 * imported by {@link AriaRestClientAutoConfiguration}.
	 */
	static final class RestClients extends Clients {

		RestClients(Environment environment) {
			super(environment, "ariaRestClient-", RestClient.class, new Bearer("ariaClientHttpRequestInterceptor-",
					AriaBearerClientHttpRequestInterceptor.class, "interceptor"));
		}

	}

	/**
	 * {@code ariaWebClient-<name>} and {@code ariaExchangeFilterFunction-<name>},
	 * imported by {@link AriaWebClientAutoConfiguration}, which only loads with WebFlux
	 * present.
	 */
	static final class WebClients extends Clients {

		WebClients(Environment environment) {
			super(environment, "ariaWebClient-", WebClient.class, new Bearer("ariaExchangeFilterFunction-",
					AriaBearerExchangeFilterFunction.class, "exchangeFilter"));
		}

	}

	/**
	 * {@code ariaConverseClient-<name>}, imported by
	 * {@link AriaConverseAutoConfiguration} where the named registrations have
	 * RestClients.
	 */
	static final class ConverseClients extends Clients {

		ConverseClients(Environment environment) {
			super(environment, "ariaConverseClient-", AriaConverseClient.class);
		}

	}

	/**
	 * {@code ariaReactiveConverseClient-<name>}, imported by
	 * {@link AriaConverseAutoConfiguration} where the named registrations have
	 * WebClients.
	 */
	static final class ReactiveConverseClients extends Clients {

		ReactiveConverseClients(Environment environment) {
			super(environment, "ariaReactiveConverseClient-", ReactiveAriaConverseClient.class);
		}

	}

}
