package com.example.billing;

// tag::http-service-group[]
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "aria", types = BillieConverse.class) // add clientType = ClientType.WEB_CLIENT for WebClient
class BillieHttpServices {

}
// end::http-service-group[]
