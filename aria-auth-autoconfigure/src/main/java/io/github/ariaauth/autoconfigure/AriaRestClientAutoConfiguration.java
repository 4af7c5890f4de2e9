package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;
import io.github.ariaauth.restclient.AriaRestClientHttpServiceGroupConfigurer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of the {@code ariaRestClient} bean, the interceptor behind it and the {@code aria} HTTP
 * service group.
 * <p>
 * {@code ariaRestClient} is built from a clone of the application's {@link RestClient.Builder} (so its request
 * factory, message converters, SSL and observation settings apply) and is not a default candidate: it never
 * answers an unqualified {@code RestClient} injection point. The application's own builder is left untouched.
 * Unlike the application's clients, {@code ariaRestClient} never follows redirects, so the token cannot follow one
 * to another host.
 */
@AutoConfiguration(after = AriaAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		beforeName = "org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration")
@ConditionalOnClass(RestClient.class)
@ConditionalOnBooleanProperty(name = "aria.auth.enabled", matchIfMissing = true)
@ConditionalOnBean({ AriaTokenManager.class, AriaEndpoints.class })
public final class AriaRestClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AriaBearerClientHttpRequestInterceptor ariaClientHttpRequestInterceptor(AriaTokenManager tokenManager,
			AriaEndpoints endpoints, ObjectProvider<AriaAuthProperties> properties) {
		return new AriaBearerClientHttpRequestInterceptor(tokenManager,
				AriaTokenTargetsFactory.create(endpoints, properties));
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "ariaRestClient")
	RestClient ariaRestClient(ObjectProvider<RestClient.Builder> builder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, AriaEndpoints endpoints,
			AriaBearerClientHttpRequestInterceptor ariaClientHttpRequestInterceptor) {
		RestClient.Builder applicationBuilder = builder.getIfUnique();
		RestClient.Builder ours = (applicationBuilder != null) ? applicationBuilder.clone() : RestClient.builder();
		if (applicationBuilder != null) {
			// Boot's builder follows redirects, and the JDK client then carries the token to any host: rebuild the
			// application's request factory with its settings, but never following a redirect.
			ours.requestFactory(requestFactoryBuilder
				.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(getClass().getClassLoader()))
				.build(httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
					.withRedirects(HttpRedirects.DONT_FOLLOW)));
		}
		return ours.baseUrl(endpoints.apiBaseUrl().toString())
			.requestInterceptor(ariaClientHttpRequestInterceptor)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	AriaRestClientHttpServiceGroupConfigurer ariaRestClientHttpServiceGroupConfigurer(AriaEndpoints endpoints,
			AriaBearerClientHttpRequestInterceptor ariaClientHttpRequestInterceptor) {
		return new AriaRestClientHttpServiceGroupConfigurer(endpoints.apiBaseUrl(), ariaClientHttpRequestInterceptor);
	}

}
