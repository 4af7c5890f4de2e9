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
import org.springframework.context.annotation.Import;
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
 * imported into the HTTP service group {@code aria}; imported into a named registration's
 * group {@code aria-<name>}, it is that registration's client and never displaces the
 * default one. Each named registration gets {@code ariaConverseClient-<name>} and
 * {@code ariaReactiveConverseClient-<name>}, made on first use and never answering an
 * unqualified injection point.
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

	// The named registrations' clients are lazy beans made by ariaRegistrations: these
	// test what makes them, the client auto-configuration's shared request factory or
	// connector.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClient.class)
	@ConditionalOnBean(type = "io.github.ariaauth.autoconfigure.DefaultAriaRegistrations",
			name = "ariaClientHttpRequestFactory")
	@Import(AriaRegistrationBeans.ConverseClients.class)
	static class NamedConverseClientsConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, Mono.class })
	@ConditionalOnBean(type = "io.github.ariaauth.autoconfigure.DefaultAriaRegistrations",
			name = "ariaClientHttpConnector")
	@Import(AriaRegistrationBeans.ReactiveConverseClients.class)
	static class NamedReactiveConverseClientsConfiguration {

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
