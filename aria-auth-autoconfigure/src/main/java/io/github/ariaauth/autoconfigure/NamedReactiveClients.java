package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.AriaTokenTargets;
import io.github.ariaauth.converse.ReactiveAriaConverseClient;
import io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The WebFlux side of a named registration: its filter and its {@link WebClient}. Kept
 * out of {@link DefaultAriaRegistrations}, whose methods Spring introspects, so that
 * applications without WebFlux load it.
 */
final class NamedReactiveClients {

	private final AriaBearerExchangeFilterFunction filter;

	// Built on first use: the HTTP service groups need only the filter.
	private final SingletonSupplier<WebClient> webClient;

	NamedReactiveClients(BeanFactory beanFactory, AriaEndpoints endpoints, AriaTokenManager tokenManager,
			AriaTokenTargets targets) {
		AriaBearerExchangeFilterFunction filter = new AriaBearerExchangeFilterFunction(tokenManager, targets);
		this.filter = filter;
		this.webClient = SingletonSupplier.of(() -> {
			// Cloned from the application's builder, as ariaWebClient is, sharing its
			// redirect-safe connector.
			WebClient.Builder application = beanFactory.getBeanProvider(WebClient.Builder.class).getIfUnique();
			WebClient.Builder builder = (application != null) ? application.clone() : WebClient.builder();
			return builder.clientConnector(beanFactory.getBean("ariaClientHttpConnector", ClientHttpConnector.class))
				.baseUrl(endpoints.apiBaseUrl().toString())
				.filter(filter)
				.build();
		});
	}

	Object reactiveConverseClient() {
		return HttpServiceProxyFactory.builderFor(WebClientAdapter.create(webClient()))
			.build()
			.createClient(ReactiveAriaConverseClient.class);
	}

	AriaBearerExchangeFilterFunction filter() {
		return this.filter;
	}

	WebClient webClient() {
		return this.webClient.obtain();
	}

}
