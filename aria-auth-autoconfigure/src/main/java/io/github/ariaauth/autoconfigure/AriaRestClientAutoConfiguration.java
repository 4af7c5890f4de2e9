package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;
import io.github.ariaauth.restclient.AriaRestClientHttpServiceGroupConfigurer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of the {@code ariaRestClient} bean, the interceptor behind it and
 * the {@code aria} HTTP service group.
 * <p>
 * {@code ariaRestClient} is built from a clone of the application's
 * {@link RestClient.Builder} (so its request factory, message converters, SSL and
 * observation settings apply) and is not a default candidate: it never answers an
 * unqualified {@code RestClient} injection point. The application's own builder is left
 * untouched. Unlike the application's clients, {@code ariaRestClient} never follows
 * redirects, so the token cannot follow one to another host: its request factory,
 * {@code ariaClientHttpRequestFactory}, is built from the application's HTTP client
 * settings with redirects off. That factory is a bean of its own, so that it is closed
 * with the context and can serve the application's own clients that carry the token.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AriaAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		beforeName = "org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration")
@ConditionalOnClass(RestClient.class)
@ConditionalOnBooleanProperty(name = "aria.auth.enabled", matchIfMissing = true)
@ConditionalOnBean(AriaRegistrations.class)
@Import(AriaRegistrationBeans.RestClients.class)
public final class AriaRestClientAutoConfiguration {

	@Bean
	@ConditionalOnBean({ AriaTokenManager.class, AriaEndpoints.class })
	@ConditionalOnMissingBean
	AriaBearerClientHttpRequestInterceptor ariaClientHttpRequestInterceptor(AriaTokenManager tokenManager,
			AriaEndpoints endpoints, ObjectProvider<AriaAuthProperties> properties) {
		return new AriaBearerClientHttpRequestInterceptor(tokenManager,
				AriaTokenTargetsFactory.create(endpoints, properties));
	}

	/**
	 * The application's request factory, rebuilt with its HTTP client settings but never
	 * following a redirect (Boot's factories follow them, and the JDK client then carries
	 * the token to any host). Closed with the context, as far as the factory can be
	 * closed; created only when something asks for it.
	 */
	@Bean(defaultCandidate = false)
	@Lazy
	@ConditionalOnMissingBean(name = "ariaClientHttpRequestFactory")
	ClientHttpRequestFactory ariaClientHttpRequestFactory(
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		ClientHttpRequestFactory factory = requestFactoryBuilder
			.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(getClass().getClassLoader()))
			.build(httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
				.withRedirects(HttpRedirects.DONT_FOLLOW));
		// Spring's JDK factory cannot be closed, so its client must at least become
		// unreachable with the context.
		return (factory instanceof JdkClientHttpRequestFactory jdk) ? new DetachedBodyRequestFactory(jdk) : factory;
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnBean({ AriaTokenManager.class, AriaEndpoints.class })
	@ConditionalOnMissingBean(name = "ariaRestClient")
	RestClient ariaRestClient(ObjectProvider<RestClient.Builder> builder, AriaEndpoints endpoints,
			@Qualifier("ariaClientHttpRequestFactory") ClientHttpRequestFactory ariaClientHttpRequestFactory,
			AriaBearerClientHttpRequestInterceptor ariaClientHttpRequestInterceptor) {
		RestClient.Builder applicationBuilder = builder.getIfUnique();
		RestClient.Builder ours = (applicationBuilder != null) ? applicationBuilder.clone() : RestClient.builder();
		return ours.requestFactory(ariaClientHttpRequestFactory)
			.baseUrl(endpoints.apiBaseUrl().toString())
			.requestInterceptor(ariaClientHttpRequestInterceptor)
			.build();
	}

	@Bean
	@ConditionalOnBean({ AriaTokenManager.class, AriaEndpoints.class })
	@ConditionalOnMissingBean
	AriaRestClientHttpServiceGroupConfigurer ariaRestClientHttpServiceGroupConfigurer(AriaEndpoints endpoints,
			AriaBearerClientHttpRequestInterceptor ariaClientHttpRequestInterceptor) {
		return new AriaRestClientHttpServiceGroupConfigurer(endpoints.apiBaseUrl(), ariaClientHttpRequestInterceptor);
	}

	@Bean
	@ConditionalOnBean(DefaultAriaRegistrations.class)
	AriaRegistrationsRestClientGroups ariaRegistrationsRestClientGroups(DefaultAriaRegistrations ariaRegistrations) {
		return new AriaRegistrationsRestClientGroups(ariaRegistrations);
	}

}
