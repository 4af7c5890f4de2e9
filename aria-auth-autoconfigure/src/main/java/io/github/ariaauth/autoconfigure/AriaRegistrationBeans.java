package io.github.ariaauth.autoconfigure;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

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
 * {@code ariaRegistrations} bean (the token cores when it starts, the clients on first
 * use), none is a default candidate (an unqualified injection point still gets the
 * default registration's bean, or the application's own), and all are lazy. Plain
 * factory-method definitions, so that AOT processing can write them out.
 * <p>
 * The registrars only decide which kinds of beans the registrations get; the definitions
 * themselves are registered by a {@link Deferred} post-processor once the configuration
 * classes are processed. Every condition on beans scans every bean definition, so seven
 * thousand of them, for a thousand registrations, present while the auto-configurations'
 * conditions were evaluated made a large share of startup.
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
			keepOutOfPlainInjection(registry, name);
		}
		Deferred.register(registry, Deferred.TOKEN_MANAGERS);
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

	/**
	 * The clients of one kind of every named registration.
	 */
	abstract static class Clients implements ImportBeanDefinitionRegistrar {

		private final String kind;

		Clients(String kind) {
			this.kind = kind;
		}

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			Deferred.register(registry, this.kind);
		}

	}

	/**
	 * {@code ariaRestClient-<name>} and {@code ariaClientHttpRequestInterceptor-<name>},
	 * imported by {@link AriaRestClientAutoConfiguration}.
	 */
	static final class RestClients extends Clients {

		RestClients() {
			super(Deferred.REST_CLIENTS);
		}

	}

	/**
	 * {@code ariaWebClient-<name>} and {@code ariaExchangeFilterFunction-<name>},
	 * imported by {@link AriaWebClientAutoConfiguration}, which only loads with WebFlux
	 * present.
	 */
	static final class WebClients extends Clients {

		WebClients() {
			super(Deferred.WEB_CLIENTS);
		}

	}

	/**
	 * {@code ariaConverseClient-<name>}, imported by
	 * {@link AriaConverseAutoConfiguration} where the named registrations have
	 * RestClients.
	 */
	static final class ConverseClients extends Clients {

		ConverseClients() {
			super(Deferred.CONVERSE_CLIENTS);
		}

	}

	/**
	 * {@code ariaReactiveConverseClient-<name>}, imported by
	 * {@link AriaConverseAutoConfiguration} where the named registrations have
	 * WebClients.
	 */
	static final class ReactiveConverseClients extends Clients {

		ReactiveConverseClients() {
			super(Deferred.REACTIVE_CONVERSE_CLIENTS);
		}

	}

	/**
	 * Registers the beans of one kind for every named registration, after the
	 * configuration classes (and their conditions) are done. The types are named, not
	 * referenced, so that no WebFlux type is loaded without WebFlux.
	 */
	static final class Deferred implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

		static final String TOKEN_MANAGERS = "token-managers";

		static final String REST_CLIENTS = "rest-clients";

		static final String WEB_CLIENTS = "web-clients";

		static final String CONVERSE_CLIENTS = "converse-clients";

		static final String REACTIVE_CONVERSE_CLIENTS = "reactive-converse-clients";

		private static final Map<String, List<Bean>> BEANS = Map.of(TOKEN_MANAGERS,
				List.of(new Bean("ariaTokenManager-", "io.github.ariaauth.AriaTokenManager", "tokenManager")),
				REST_CLIENTS,
				List.of(new Bean("ariaRestClient-", "org.springframework.web.client.RestClient", "client"),
						new Bean("ariaClientHttpRequestInterceptor-",
								"io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor", "interceptor")),
				WEB_CLIENTS,
				List.of(new Bean("ariaWebClient-", "org.springframework.web.reactive.function.client.WebClient",
						"client"),
						new Bean("ariaExchangeFilterFunction-",
								"io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction", "exchangeFilter")),
				CONVERSE_CLIENTS,
				List.of(new Bean("ariaConverseClient-", "io.github.ariaauth.converse.AriaConverseClient", "client")),
				REACTIVE_CONVERSE_CLIENTS, List.of(new Bean("ariaReactiveConverseClient-",
						"io.github.ariaauth.converse.ReactiveAriaConverseClient", "client")));

		private final String kind;

		private @Nullable Environment environment;

		Deferred(String kind) {
			this.kind = kind;
		}

		static void register(BeanDefinitionRegistry registry, String kind) {
			String beanName = Deferred.class.getName() + "#" + kind;
			if (!registry.containsBeanDefinition(beanName)) {
				RootBeanDefinition definition = new RootBeanDefinition(Deferred.class);
				definition.getConstructorArgumentValues().addIndexedArgumentValue(0, kind);
				definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
				registry.registerBeanDefinition(beanName, definition);
			}
		}

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
			Assert.state(this.environment != null, "an environment");
			List<Bean> beans = BEANS.get(this.kind);
			Assert.state(beans != null, () -> "beans of kind " + this.kind);
			ClassLoader classLoader = getClass().getClassLoader();
			List<Class<?>> types = beans.stream()
				.<Class<?>>map((bean) -> ClassUtils.resolveClassName(bean.typeName(), classLoader))
				.toList();
			for (String name : AriaRegistrationNames.of(this.environment)) {
				for (int i = 0; i < beans.size(); i++) {
					Bean bean = beans.get(i);
					registerBean(registry, bean.namePrefix() + name, types.get(i), bean.factoryMethod(), name);
				}
			}
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		}

		private static void registerBean(BeanDefinitionRegistry registry, String beanName, Class<?> type,
				String factoryMethod, String registration) {
			if (registry.containsBeanDefinition(beanName)) {
				// The application's own bean of that name wins, as everywhere in
				// aria-auth.
				return;
			}
			boolean typed = factoryMethod.equals("client") || factoryMethod.equals("exchangeFilter");
			RootBeanDefinition definition = new RootBeanDefinition();
			definition.setTargetType(type);
			definition.setFactoryBeanName(REGISTRATIONS_BEAN);
			definition.setFactoryMethodName(factoryMethod);
			ConstructorArgumentValues arguments = new ConstructorArgumentValues();
			arguments.addIndexedArgumentValue(0, registration);
			if (typed) {
				arguments.addIndexedArgumentValue(1, type);
			}
			// The token cores are made by ariaRegistrations when the context starts (so
			// that bad credentials stop it); these beans only hand them out.
			definition.setLazyInit(true);
			definition.setConstructorArgumentValues(arguments);
			definition.setDefaultCandidate(false);
			// The registrations bean closes what it made.
			definition.setDestroyMethodName("");
			registry.registerBeanDefinition(beanName, definition);
		}

		/**
		 * One bean each registration gets: its name is the prefix and the registration's
		 * name, and {@code ariaRegistrations}' factory method makes it.
		 */
		private record Bean(String namePrefix, String typeName, String factoryMethod) {

		}

	}

}
