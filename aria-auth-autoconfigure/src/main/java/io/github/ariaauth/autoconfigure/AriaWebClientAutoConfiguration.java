package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction;
import io.github.ariaauth.webclient.AriaWebClientHttpServiceGroupConfigurer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the {@code ariaWebClient} bean, the exchange filter behind it and
 * the {@code aria} HTTP service group.
 * <p>
 * {@code ariaWebClient} is built from a clone of the application's
 * {@link WebClient.Builder} (so its codecs, connector, SSL and observation settings
 * apply) and is not a default candidate: it never answers an unqualified
 * {@code WebClient} injection point. The application's own builder is left untouched.
 * Unlike the application's clients, {@code ariaWebClient} never follows redirects, so the
 * token cannot follow one to another host: its connector,
 * {@code ariaClientHttpConnector}, is built from the application's HTTP client settings
 * with redirects off. That connector is a bean of its own, so that it is closed with the
 * context and can serve the application's own clients that carry the token.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AriaAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		beforeName = "org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration")
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "aria.auth.enabled", matchIfMissing = true)
@ConditionalOnBean(AriaRegistrations.class)
@Import(AriaRegistrationBeans.WebClients.class)
public final class AriaWebClientAutoConfiguration {

	@Bean
	@ConditionalOnBean({ AriaTokenManager.class, AriaEndpoints.class })
	@ConditionalOnMissingBean
	AriaBearerExchangeFilterFunction ariaExchangeFilterFunction(AriaTokenManager tokenManager, AriaEndpoints endpoints,
			ObjectProvider<AriaAuthProperties> properties) {
		return new AriaBearerExchangeFilterFunction(tokenManager,
				AriaTokenTargetsFactory.create(endpoints, properties));
	}

	/**
	 * The application's connector, rebuilt with its HTTP client settings but never
	 * following a redirect (Boot's connectors follow them, and the JDK client then
	 * carries the token to any host). Closed with the context, as far as the connector
	 * can be closed; created only when something asks for it.
	 */
	@Bean(defaultCandidate = false)
	@Lazy
	@ConditionalOnMissingBean(name = "ariaClientHttpConnector")
	ClientHttpConnector ariaClientHttpConnector(ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		return connectorBuilder.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(getClass().getClassLoader()))
			.build(httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
				.withRedirects(HttpRedirects.DONT_FOLLOW));
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnBean({ AriaTokenManager.class, AriaEndpoints.class })
	@ConditionalOnMissingBean(name = "ariaWebClient")
	WebClient ariaWebClient(ObjectProvider<WebClient.Builder> builder, AriaEndpoints endpoints,
			@Qualifier("ariaClientHttpConnector") ClientHttpConnector ariaClientHttpConnector,
			AriaBearerExchangeFilterFunction ariaExchangeFilterFunction) {
		WebClient.Builder applicationBuilder = builder.getIfUnique();
		WebClient.Builder ours = (applicationBuilder != null) ? applicationBuilder.clone() : WebClient.builder();
		return ours.clientConnector(ariaClientHttpConnector)
			.baseUrl(endpoints.apiBaseUrl().toString())
			.filter(ariaExchangeFilterFunction)
			.build();
	}

	@Bean
	@ConditionalOnBean({ AriaTokenManager.class, AriaEndpoints.class })
	@ConditionalOnMissingBean
	AriaWebClientHttpServiceGroupConfigurer ariaWebClientHttpServiceGroupConfigurer(AriaEndpoints endpoints,
			AriaBearerExchangeFilterFunction ariaExchangeFilterFunction) {
		return new AriaWebClientHttpServiceGroupConfigurer(endpoints.apiBaseUrl(), ariaExchangeFilterFunction);
	}

	@Bean
	@ConditionalOnBean(DefaultAriaRegistrations.class)
	AriaRegistrationsWebClientGroups ariaRegistrationsWebClientGroups(DefaultAriaRegistrations ariaRegistrations) {
		return new AriaRegistrationsWebClientGroups(ariaRegistrations);
	}

}
