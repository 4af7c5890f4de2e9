package io.github.ariaauth.sample;

import io.github.ariaauth.converse.AriaConverseClient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * A web app that asks Aria's Billie questions through aria-auth: once on startup, then on
 * {@code POST /ask}.
 * <p>
 * aria-auth's typed {@link AriaConverseClient} joins the {@code aria} HTTP service group
 * here, which aria-auth points at Billie Connect with the bearer token; without the
 * import aria-auth registers it as a bean over {@code ariaRestClient}. The group lets
 * {@code spring.http.serviceclient.aria.*} settings apply to it.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
@ImportHttpServices(group = "aria", types = AriaConverseClient.class)
public class SampleApplication {

	/**
	 * Run the app; with {@code sample.exit-after-startup=true} (profile {@code one-shot})
	 * exit once the startup question is answered.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
		if (context.getBean(SampleProperties.class).exitAfterStartup()) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
