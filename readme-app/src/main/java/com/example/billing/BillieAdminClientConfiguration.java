package com.example.billing;

// tag::own-client[]
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;
import io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class BillieAdminClientConfiguration {

	@Bean
	RestClient billieAdminClient(RestClient.Builder builder,
			@Qualifier("ariaClientHttpRequestFactory") ClientHttpRequestFactory ariaRequestFactory,
			AriaBearerClientHttpRequestInterceptor ariaInterceptor,
			@Value("${billing.admin-url:https://billieconnect.ariasystems.net}") String adminUrl) {
		return builder.clone()
			.requestFactory(ariaRequestFactory)
			.requestInterceptor(ariaInterceptor)
			.baseUrl(adminUrl)
			.build();
	}

	@Bean
	WebClient billieAdminWebClient(WebClient.Builder builder,
			@Qualifier("ariaClientHttpConnector") ClientHttpConnector ariaConnector,
			AriaBearerExchangeFilterFunction ariaFilter,
			@Value("${billing.admin-url:https://billieconnect.ariasystems.net}") String adminUrl) {
		return builder.clone().clientConnector(ariaConnector).filter(ariaFilter).baseUrl(adminUrl).build();
	}

}
// end::own-client[]
