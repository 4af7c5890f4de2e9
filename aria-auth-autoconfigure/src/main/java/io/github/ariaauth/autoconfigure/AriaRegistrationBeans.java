package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaTokenManager;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * Registers the beans of each named registration
 * ({@code aria.auth.registrations.<name>}): its token core
 * {@code ariaTokenManager-<name>} and its clients {@code ariaRestClient-<name>} and
 * {@code ariaWebClient-<name>}, each made by the {@code ariaRegistrations} bean, none a
 * default candidate (an unqualified injection point still gets the default registration's
 * bean, or the application's own). Plain factory-method definitions, so that AOT
 * processing can write them out.
 */
class AriaRegistrationBeans implements ImportBeanDefinitionRegistrar, BeanClassLoaderAware {

	static final String REGISTRATIONS_BEAN = "ariaRegistrations";

	private static final String WEB_CLIENT = "org.springframework.web.reactive.function.client.WebClient";

	private final Environment environment;

	private ClassLoader classLoader = AriaRegistrationBeans.class.getClassLoader();

	AriaRegistrationBeans(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		ClassLoader classLoader = this.classLoader;
		for (String name : AriaRegistrationNames.of(this.environment)) {
			register(registry, "ariaTokenManager-" + name, AriaTokenManager.class, "tokenManager", name);
			register(registry, "ariaRestClient-" + name, RestClient.class, "client", name);
			if (ClassUtils.isPresent(WEB_CLIENT, classLoader)) {
				register(registry, "ariaWebClient-" + name, ClassUtils.resolveClassName(WEB_CLIENT, classLoader),
						"client", name);
			}
		}
	}

	private static void register(BeanDefinitionRegistry registry, String beanName, Class<?> type, String factoryMethod,
			String registration) {
		boolean client = factoryMethod.equals("client");
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
		if (client) {
			arguments.addIndexedArgumentValue(1, type);
		}
		definition.setConstructorArgumentValues(arguments);
		definition.setDefaultCandidate(false);
		// The registrations bean closes what it made.
		definition.setDestroyMethodName("");
		registry.registerBeanDefinition(beanName, definition);
	}

}
