package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction;
import io.github.ariaauth.webclient.AriaWebClientHttpServiceGroupConfigurer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the {@code ariaWebClient} bean, the exchange filter behind it and the {@code aria}
 * HTTP service group.
 * <p>
 * {@code ariaWebClient} is built from a clone of the application's {@link WebClient.Builder} (so its codecs,
 * connector, SSL and observation settings apply) and is not a default candidate: it never answers an
 * unqualified {@code WebClient} injection point. The application's own builder is left untouched.
 */
@AutoConfiguration(after = AriaAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		beforeName = "org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration")
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "aria.auth.enabled", matchIfMissing = true)
@ConditionalOnBean({ AriaTokenManager.class, AriaEndpoints.class })
public final class AriaWebClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AriaBearerExchangeFilterFunction ariaExchangeFilterFunction(AriaTokenManager tokenManager,
			AriaEndpoints endpoints, ObjectProvider<AriaAuthProperties> properties) {
		return new AriaBearerExchangeFilterFunction(tokenManager,
				AriaTokenTargetsFactory.create(endpoints, properties));
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "ariaWebClient")
	WebClient ariaWebClient(ObjectProvider<WebClient.Builder> builder, AriaEndpoints endpoints,
			AriaBearerExchangeFilterFunction ariaExchangeFilterFunction) {
		return builder.getIfUnique(WebClient::builder)
			.clone()
			.baseUrl(endpoints.apiBaseUrl().toString())
			.filter(ariaExchangeFilterFunction)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	AriaWebClientHttpServiceGroupConfigurer ariaWebClientHttpServiceGroupConfigurer(AriaEndpoints endpoints,
			AriaBearerExchangeFilterFunction ariaExchangeFilterFunction) {
		return new AriaWebClientHttpServiceGroupConfigurer(endpoints.apiBaseUrl(), ariaExchangeFilterFunction);
	}

}
