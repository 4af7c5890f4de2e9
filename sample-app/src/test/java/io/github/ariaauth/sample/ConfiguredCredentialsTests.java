package io.github.ariaauth.sample;

import java.util.Map;

import io.github.ariaauth.test.AriaStandIn;
import io.github.ariaauth.test.AriaStandInExtension;
import io.github.ariaauth.test.AriaStandInProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With credentials configured the sample starts no stand-in of its own and talks to the
 * configured Aria: here the test's stand-in, wired the way a user's test would wire it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ask-on-startup=false")
class ConfiguredCredentialsTests {

	@RegisterExtension
	static AriaStandInExtension aria = new AriaStandInExtension(AriaStandIn.builder().clientNo("7000999"));

	@DynamicPropertySource
	static void ariaProperties(DynamicPropertyRegistry registry) {
		AriaStandInProperties.register(registry, aria);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Test
	void talksToTheConfiguredAriaWithoutALocalStandIn(AriaStandIn standIn) {
		assertThat(this.context.containsBean(LocalAriaStandIn.BEAN_NAME)).isFalse();
		Map<String, Object> answer = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/ask?via=interface")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("question", "What is my balance?"))
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		assertThat(answer).containsEntry("client_no", "7000999").containsEntry("response_type", "BILLING_INFO");
		assertThat(standIn.apiRequestCount()).isOne();
		assertThat(standIn.tokenRequestCount()).isOne();
	}

}
