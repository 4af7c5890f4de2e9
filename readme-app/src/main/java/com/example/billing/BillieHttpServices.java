package com.example.billing;

// tag::http-service-group[]
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

@Configuration(proxyBeanMethods = false)
// for WebClient, add clientType = ClientType.WEB_CLIENT
@ImportHttpServices(group = "aria", types = BillieConverse.class)
class BillieHttpServices {

}
// end::http-service-group[]
