package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.converse.AriaConverseClient;
import io.github.ariaauth.converse.ReactiveAriaConverseClient;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Auto-configuration of the typed Converse API clients: {@code ariaConverseClient} over
 * {@code ariaRestClient} and {@code ariaReactiveConverseClient} over
 * {@code ariaWebClient}.
 * <p>
 * Each backs off when the application has a bean of its type, such as the interface
 * imported into an HTTP service group.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { AriaRestClientAutoConfiguration.class, AriaWebClientAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "aria.auth.enabled", matchIfMissing = true)
public final class AriaConverseAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClient.class)
	@ConditionalOnBean(name = "ariaRestClient")
	static class BlockingConverseClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AriaConverseClient ariaConverseClient(@Qualifier("ariaRestClient") RestClient ariaRestClient) {
			return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(ariaRestClient))
				.build()
				.createClient(AriaConverseClient.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, Mono.class })
	@ConditionalOnBean(name = "ariaWebClient")
	static class ReactiveConverseClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveAriaConverseClient ariaReactiveConverseClient(@Qualifier("ariaWebClient") WebClient ariaWebClient) {
			return HttpServiceProxyFactory.builderFor(WebClientAdapter.create(ariaWebClient))
				.build()
				.createClient(ReactiveAriaConverseClient.class);
		}

	}

}
