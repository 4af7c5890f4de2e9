package io.github.ariaauth.autoconfigure;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.ariaauth.AriaClientCredentialsProvider;
import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaRegistrationProperties;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenHttpClient;
import io.github.ariaauth.AriaTokenListener;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.actuate.AriaAuthSanitizingFunction;
import io.github.ariaauth.observation.AriaTokenRequestObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkHttpClientBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.Assert;

/**
 * Auto-configuration of the aria-auth token core from {@code aria.auth.*} properties.
 * <p>
 * Registers no Spring Security beans (no {@code ClientRegistrationRepository}, no
 * authorized client manager or service), so the application's own security is left as it
 * is; the registration and managers are offered through {@link AriaTokenManager} instead.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(ClientRegistration.class)
@ConditionalOnBooleanProperty(name = "aria.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AriaAuthProperties.class)
@Import(AriaRegistrationBeans.class)
public final class AriaAuthAutoConfiguration {

	private static final Log logger = LogFactory.getLog(AriaAuthAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	@Conditional(DefaultRegistrationCondition.class)
	AriaEndpoints ariaEndpoints(AriaAuthProperties properties) {
		return AriaAuthPropertiesResolver.endpoints(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(DefaultRegistrationCondition.class)
	AriaTokenManager ariaTokenManager(AriaAuthProperties properties, AriaEndpoints endpoints,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<AriaTokenListener> listeners,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<AriaTokenRequestObservationConvention> observationConvention,
			ObjectProvider<AriaTokenManagerBuilderCustomizer> customizers,
			ObjectProvider<AriaClientCredentialsProvider> credentialsProvider, Environment environment) {
		AriaAuthProperties.Token token = properties.getToken();
		AriaAuthPropertiesResolver.checkTimings(token);
		ConfiguredCredentials credentials = AriaAuthPropertiesResolver.credentials(properties, endpoints,
				Clock.systemUTC());
		ClientRegistration registration = credentials.registration();
		logger.info("aria-auth: " + AriaAuthPropertiesResolver.describeEndpoints(properties, endpoints) + ", client id "
				+ registration.getClientId());
		AriaTokenManager.Builder builder = AriaTokenManager.builder(registration)
			.credentialsProvider(credentials.withApplication(credentialsProvider.getIfUnique()))
			.httpClient(tokenHttpClient(token, sslBundles, AriaAuthPropertiesResolver.PREFIX + "token.ssl-bundle"),
					token.getReadTimeout());
		return configure(builder, token,
				CoreSettings.of(environment, listeners, observationRegistry, observationConvention, customizers))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(AriaRegistrations.class)
	DefaultAriaRegistrations ariaRegistrations(ListableBeanFactory beanFactory, Environment environment,
			AriaAuthProperties properties, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<AriaTokenListener> listeners, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<AriaTokenRequestObservationConvention> observationConvention,
			ObjectProvider<AriaTokenManagerBuilderCustomizer> customizers,
			ObjectProvider<AriaClientCredentialsProvider> credentialsProvider) {
		boolean hasDefault = DefaultRegistrationCondition.wanted(environment);
		Map<String, AriaRegistrationProperties> named = new LinkedHashMap<>();
		for (String name : AriaRegistrationNames.of(environment)) {
			AriaRegistrationProperties registration = properties.getRegistrations().get(name);
			Assert.state(registration != null, () -> "registration " + name + " bound");
			named.put(name, registration);
		}
		if (!hasDefault) {
			logger.info("aria-auth: " + DefaultRegistrationCondition.whyNone(environment));
		}
		AriaAuthProperties.Token inherited = properties.getToken();
		AriaAuthPropertiesResolver.checkTimings(inherited);
		// Shared by every named registration, so that hundreds of them cost a bounded
		// number of threads; made even with none configured (it costs no thread until a
		// token request), as registrations can be added at run time through this factory.
		SharedTokenResources shared = new SharedTokenResources();
		CoreSettings settings = CoreSettings.of(environment, listeners, observationRegistry, observationConvention,
				customizers);
		return new DefaultAriaRegistrations(beanFactory, hasDefault, named, shared,
				(name, prefix, registrationProperties, endpoints) -> {
					AriaAuthProperties.Token token = (registrationProperties instanceof AriaNamedRegistrationProperties own)
							? own.getToken().over(inherited) : inherited;
					AriaAuthPropertiesResolver.checkTimings(token, prefix);
					// Looked up again at each token request: a Spring Cloud refresh may
					// have rebound the map.
					ConfiguredCredentials credentials = AriaAuthPropertiesResolver.credentials(() -> {
						AriaRegistrationProperties live = properties.getRegistrations().get(name);
						return (live != null) ? live : registrationProperties;
					}, endpoints, name, prefix, Clock.systemUTC());
					ClientRegistration registration = credentials.registration();
					logger.info("aria-auth registration " + name + ": "
							+ AriaAuthPropertiesResolver.describeEndpoints(registrationProperties, endpoints)
							+ ", client id " + registration.getClientId());
					String sslBundleProperty = Objects.equals(token.getSslBundle(), inherited.getSslBundle())
							? AriaAuthPropertiesResolver.PREFIX + "token.ssl-bundle" : prefix + "token.ssl-bundle";
					AriaTokenHttpClient httpClient = shared.httpClient(token.getConnectTimeout(), token.getSslBundle(),
							() -> new AriaTokenHttpClient(tokenHttpClient(token, sslBundles, sslBundleProperty),
									token.getReadTimeout()));
					AriaTokenManager.Builder builder = AriaTokenManager.builder(registration)
						.credentialsProvider(credentials.withApplication(credentialsProvider.getIfUnique()))
						.requestFactory(httpClient.withReadTimeout(token.getReadTimeout()))
						.executor(shared.executor());
					return configure(builder, token, settings).build();
				});
	}

	@Bean
	@ConditionalOnBooleanProperty("aria.auth.startup-check")
	AriaAuthStartupCheck ariaAuthStartupCheck(AriaRegistrations registrations) {
		return new AriaAuthStartupCheck(registrations);
	}

	private static AriaTokenManager.Builder configure(AriaTokenManager.Builder builder, AriaAuthProperties.Token token,
			CoreSettings settings) {
		settings.listeners().forEach(builder::listener);
		ObservationRegistry observationRegistry = settings.observationRegistry();
		if (observationRegistry != null) {
			builder.observationRegistry(observationRegistry);
		}
		AriaTokenRequestObservationConvention observationConvention = settings.observationConvention();
		if (observationConvention != null) {
			builder.observationConvention(observationConvention);
		}
		if (settings.virtualThreads()) {
			// A new virtual thread per token request, parked while it waits: no pool to
			// size or shut down.
			builder.executor(new VirtualThreadTaskExecutor("aria-auth-token-"));
		}
		builder.refreshWindow(token.getRefreshWindow())
			.expiryMargin(token.getExpiryMargin())
			.defaultLifetime(token.getDefaultLifetime())
			.acquireTimeout(token.getAcquireTimeout())
			.backoff(token.getInitialBackoff(), token.getMaxBackoff())
			.maxBackoffWithoutToken(token.getMaxBackoffWithoutToken());
		settings.customizers().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	/**
	 * What every token core gets from the application context, looked up once: with a
	 * thousand registrations, looking beans and properties up for each one was a large
	 * share of startup.
	 */
	private record CoreSettings(List<AriaTokenListener> listeners, @Nullable ObservationRegistry observationRegistry,
			@Nullable AriaTokenRequestObservationConvention observationConvention, boolean virtualThreads,
			List<AriaTokenManagerBuilderCustomizer> customizers) {

		static CoreSettings of(Environment environment, ObjectProvider<AriaTokenListener> listeners,
				ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<AriaTokenRequestObservationConvention> observationConvention,
				ObjectProvider<AriaTokenManagerBuilderCustomizer> customizers) {
			return new CoreSettings(listeners.orderedStream().toList(), observationRegistry.getIfAvailable(),
					observationConvention.getIfAvailable(), Threading.VIRTUAL.isActive(environment),
					customizers.orderedStream().toList());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorSanitizingConfiguration {

		/**
		 * Masks client secrets in the actuator's {@code configprops} and {@code env}
		 * output even where the application shows values ({@code show-values=always}),
		 * which Boot no longer masks by key name.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "ariaAuthSanitizingFunction")
		AriaAuthSanitizingFunction ariaAuthSanitizingFunction(ObjectProvider<AriaRegistrations> registrations) {
			return new AriaAuthSanitizingFunction(() -> clientSecrets(registrations.getIfAvailable()));
		}

		private static List<String> clientSecrets(@Nullable AriaRegistrations registrations) {
			if (registrations == null) {
				return List.of();
			}
			return registrations.names()
				.stream()
				.map((name) -> registrations.tokenManager(name).getClientRegistration().getClientSecret())
				.toList();
		}

	}

	private static HttpClient tokenHttpClient(AriaAuthProperties.Token token, ObjectProvider<SslBundles> sslBundles,
			String sslBundleProperty) {
		SslBundle sslBundle = null;
		if (token.getSslBundle() != null) {
			SslBundles bundles = sslBundles.getIfAvailable();
			if (bundles == null || !bundles.getBundleNames().contains(token.getSslBundle())) {
				throw new AriaAuthConfigurationException(sslBundleProperty, "'" + token.getSslBundle() + "'",
						"the name of a bundle under spring.ssl.bundle.*"
								+ ((bundles != null) ? " " + bundles.getBundleNames() : ""));
			}
			sslBundle = bundles.getBundle(token.getSslBundle());
		}
		// The JDK client honours the JVM's proxy settings; redirects are never followed
		// because the request
		// carries the client secret. The manager owns the client and closes it when the
		// context closes; the read
		// timeout is the manager's to apply.
		HttpClientSettings settings = new HttpClientSettings(HttpRedirects.DONT_FOLLOW, token.getConnectTimeout(), null,
				sslBundle);
		return new JdkHttpClientBuilder().build(settings);
	}

}
