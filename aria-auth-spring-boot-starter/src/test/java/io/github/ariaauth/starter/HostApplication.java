package io.github.ariaauth.starter;

import java.lang.reflect.Field;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * A host application run in a child JVM by {@link StarterClassPathTests}: it reports its
 * web application type, the request factory of the RestClient it builds from Boot's
 * builder, and aria-auth's clients if there are any. It names web types by bean name and
 * class name only, so that it runs on a class path without Spring WebFlux.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class HostApplication {

	public static void main(String[] args) throws Exception {
		SpringApplication application = new SpringApplication(HostApplication.class);
		report("webApplicationType", application.getWebApplicationType());
		try (ConfigurableApplicationContext context = application.run(args)) {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			report("hostRestClientRequestFactory", requestFactory(restClient).getClass().getName());
			for (String name : new String[] { "ariaClientHttpConnector", "ariaWebClient", "ariaRestClient" }) {
				report(name, context.containsBean(name) ? context.getBean(name).getClass().getName() : "none");
			}
		}
	}

	private static Object requestFactory(RestClient restClient) throws ReflectiveOperationException {
		Field field = restClient.getClass().getDeclaredField("clientRequestFactory");
		field.setAccessible(true);
		return field.get(restClient);
	}

	private static void report(String name, Object value) {
		System.out.println("REPORT " + name + "=" + value);
	}

}
