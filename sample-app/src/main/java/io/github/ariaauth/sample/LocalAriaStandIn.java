package io.github.ariaauth.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ariaauth.test.AriaStandIn;
import io.github.ariaauth.test.AriaStandInProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Without Aria credentials ({@code aria.auth.client-id} blank, as when
 * {@code ARIA_AUTH_CLIENTID} is unset), starts the local Aria stand-in of
 * {@code aria-auth-test} and points {@code aria.auth.*} at it, so that the sample runs
 * anywhere. With credentials it does nothing and the app talks to Aria.
 * <p>
 * Runs when the context is prepared: after all property sources (command line,
 * environment, a test's {@code @DynamicPropertySource}) are in place and before any bean
 * is built. The stand-in becomes the bean {@value #BEAN_NAME} and is closed with the
 * context. Registered in {@code META-INF/spring.factories}.
 */
class LocalAriaStandIn implements ApplicationListener<ApplicationPreparedEvent> {

	static final String BEAN_NAME = "ariaLocalStandIn";

	static final String PROPERTY_SOURCE_NAME = "ariaLocalStandIn";

	/**
	 * The named registration the sample adds with the stand-in, a second service account.
	 */
	static final String SECOND_REGISTRATION = "second";

	static final String SECOND_CLIENT_NO = "7000999";

	private static final String SECOND_BEAN_NAME = "ariaLocalStandInSecond";

	private static final Log logger = LogFactory.getLog(LocalAriaStandIn.class);

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		// Ahead-of-time processing prepares the context at build time but calls nothing:
		// no stand-in to start.
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			return;
		}
		ConfigurableApplicationContext context = event.getApplicationContext();
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.getProperty("aria.auth.enabled", Boolean.class, true)
				|| StringUtils.hasText(environment.getProperty(AriaStandInProperties.CLIENT_ID))) {
			return;
		}
		AriaStandIn standIn = new AriaStandIn().start();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, standIn);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			// closed with the context, also when startup fails
			registry.registerDisposableBean(BEAN_NAME, standIn::close);
		}
		// A second service account of another Aria client, as the named registration
		// "second": its own stand-in,
		// so that its token and secret visibly stay apart from the default
		// registration's.
		AriaStandIn second = AriaStandIn.builder()
			.clientId("sample-second-account")
			.clientSecret("sample-second-secret-" + Long.toHexString(System.nanoTime()))
			.clientNo(SECOND_CLIENT_NO)
			.accountNo("67890")
			.build()
			.start();
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(SECOND_BEAN_NAME, second::close);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(AriaStandInProperties.TOKEN_URI, standIn.tokenUri());
		properties.put(AriaStandInProperties.API_BASE_URL, standIn.apiBaseUrl());
		properties.put(AriaStandInProperties.CLIENT_ID, standIn.clientId());
		properties.put(AriaStandInProperties.CLIENT_SECRET, standIn.clientSecret());
		String prefix = "aria.auth.registrations." + SECOND_REGISTRATION + ".";
		properties.put(prefix + "token-uri", second.tokenUri());
		properties.put(prefix + "api-base-url", second.apiBaseUrl());
		properties.put(prefix + "client-id", second.clientId());
		properties.put(prefix + "client-secret", second.clientSecret());
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		logger.warn("*** LOCAL ARIA STAND-IN at " + standIn.apiBaseUrl() + ", NOT Aria: ARIA_AUTH_CLIENTID is not "
				+ "set, so tokens and answers are made up locally. Set ARIA_AUTH_REGION, ARIA_AUTH_CLIENTID and "
				+ "ARIA_AUTH_CLIENTSECRET to talk to Aria. ***");
	}

}
