package com.example.billing;

// tag::own-client[]
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class BillieAdminClientConfiguration {

	@Bean
	RestClient billieAdminClient(RestClient.Builder builder, AriaBearerClientHttpRequestInterceptor ariaInterceptor,
			@Value("${billing.admin-url:https://billieconnect.ariasystems.net}") String adminUrl) {
		return builder.clone().baseUrl(adminUrl).requestInterceptor(ariaInterceptor).build();
	}

}
// end::own-client[]
