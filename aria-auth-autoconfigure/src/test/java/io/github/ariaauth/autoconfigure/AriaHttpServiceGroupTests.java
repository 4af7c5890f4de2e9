package io.github.ariaauth.autoconfigure;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP interface clients of group {@code aria}: base URL and token with no further code,
 * and no token on a redirect even with the JDK HTTP client, which would otherwise follow
 * it with the {@code Authorization} header.
 */
class AriaHttpServiceGroupTests {

	private final FakeAria aria = new FakeAria();

	@AfterEach
	void closeServers() {
		this.aria.close();
	}

	@Test
	void groupClientsGetTheBaseUrlAndTheToken() {
		this.aria.apiAnswer = (request) -> FakeAria.text(200, "pong");
		try (ConfigurableApplicationContext context = application()) {
			assertThat(context.getBean(Billie.class).ping()).isEqualTo("pong");
			assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		}
	}

	@Test
	void groupClientsDoNotFollowRedirectsWithTheirToken() throws Exception {
		try (MockWebServer other = FakeAria.otherHost()) {
			other.enqueue(FakeAria.text(200, "elsewhere"));
			other.start();
			this.aria.redirectApiTo(other);
			try (ConfigurableApplicationContext context = application()) {
				context.getBean(Billie.class).ping();
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
				assertThat(other.getRequestCount()).isZero();
				assertThat(context.getEnvironment().getProperty(AriaHttpServiceGroupRedirects.PROPERTY))
					.isEqualTo("dont-follow");
			}
		}
	}

	@Test
	void applicationsCanStillChooseToFollowRedirects() {
		try (ConfigurableApplicationContext context = application(
				"--" + AriaHttpServiceGroupRedirects.PROPERTY + "=follow")) {
			assertThat(context.getEnvironment().getProperty(AriaHttpServiceGroupRedirects.PROPERTY))
				.isEqualTo("follow");
		}
	}

	private ConfigurableApplicationContext application(String... args) {
		return new SpringApplicationBuilder(BillieApplication.class).bannerMode(Banner.Mode.OFF)
			.web(WebApplicationType.NONE)
			.properties(this.aria.properties())
			.properties("spring.http.clients.imperative.factory=jdk")
			.run(args);
	}

	interface Billie {

		@GetExchange("/ping")
		String ping();

	}

	/**
	 * A Spring application (so that aria-auth's environment post-processor runs) with
	 * only the auto-configuration the group needs: all that the test class path offers
	 * (web servers, security, actuator) would triple every start.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AriaAuthAutoConfiguration.class, AriaRestClientAutoConfiguration.class,
			HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
			RestClientAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
			HttpServiceClientAutoConfiguration.class })
	@ImportHttpServices(group = "aria", types = Billie.class)
	static class BillieApplication {

	}

}
