package io.github.ariaauth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.actuate.AriaTokenExpiryMetrics;
import io.github.ariaauth.actuate.AriaTokenMetrics;
import io.github.ariaauth.converse.AriaConverseClient;
import io.github.ariaauth.converse.ConverseRequest;
import io.github.ariaauth.converse.ConverseResponse;
import io.github.ariaauth.converse.ReactiveAriaConverseClient;
import io.micrometer.core.instrument.MeterRegistry;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aot.AotDetector;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring's ahead-of-time processing of a context with aria-auth, as a native image build
 * or {@code -Dspring.aot.enabled=true} use it: the generated code is compiled and started
 * in a fresh context, which then calls a loopback Aria through every client aria-auth
 * offers.
 */
// Left out of mutation testing (parent pom, profile pitest): it compiles and starts
// ahead-of-time processed code.
@Tag("slow")
class AriaAuthAotTests {

	private static final String ANSWER = """
			{"message_id": "m-2", "content": {"text": "The balance is 120.00 USD.", "type": "RESPONSE",
			 "structured_data": {"response_type": "BILLING_INFO", "data": {"balance": 120.0}}}}
			""";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class, AriaRestClientAutoConfiguration.class,
				AriaWebClientAutoConfiguration.class, AriaConverseAutoConfiguration.class,
				AriaAuthHealthAutoConfiguration.class, AriaAuthMetricsAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
				HttpServiceClientAutoConfiguration.class, ObservationAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class))
		.withUserConfiguration(AotApplication.class);

	@Test
	@CompileWithForkedClassLoader
	void aotProcessedContextStartsAndEveryClientCarriesTheToken() {
		// Created here rather than as a field: the forked class loader runs this method
		// on an instance of its own.
		try (FakeAria aria = new FakeAria()) {
			aria.apiAnswer = (request) -> "/api/v2/converse".equals(request.getTarget()) ? json(ANSWER)
					: FakeAria.text(200, "pong");
			String[] properties = properties(aria);
			this.contextRunner.withPropertyValues(properties).prepare((context) -> {
				TestGenerationContext generationContext = new TestGenerationContext(AriaAuthAotTests.class);
				ClassName initializerName = new ApplicationContextAotGenerator().processAheadOfTime(
						(GenericApplicationContext) context.getSourceApplicationContext(), generationContext);
				generationContext.writeGeneratedContent();
				assertHintsForTheHttpInterfaces(generationContext.getRuntimeHints());
				TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
					try (GenericApplicationContext aotContext = new GenericApplicationContext()) {
						TestPropertyValues.of(properties).applyTo(aotContext);
						ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
							.getInstance(ApplicationContextInitializer.class, initializerName.toString());
						initializer.initialize(aotContext);
						TestPropertyValues.of(AotDetector.AOT_ENABLED + "=true")
							.applyToSystemProperties(aotContext::refresh);
						assertBeansComeFromGeneratedCode(aotContext);
						assertEveryClientCarriesTheToken(aotContext, aria);
						assertActuatorParts(aotContext);
					}
				});
			});
		}
	}

	private void assertHintsForTheHttpInterfaces(RuntimeHints hints) {
		// The HTTP interfaces are JDK proxies: Spring registers them for each bean of an
		// @HttpExchange type.
		for (Class<?> httpInterface : List.of(AriaConverseClient.class, ReactiveAriaConverseClient.class,
				Billie.class)) {
			assertThat(RuntimeHintsPredicates.proxies()
				.forInterfaces(AopProxyUtils.completeJdkProxyInterfaces(httpInterface))).accepts(hints);
		}
		// Jackson binds the records reflectively.
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(ConverseResponse.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
	}

	private void assertBeansComeFromGeneratedCode(GenericApplicationContext aotContext) {
		// No configuration class is parsed at run time: each bean is created by the
		// generated code.
		assertThat(aotContext.containsBean(AnnotationConfigUtils.CONFIGURATION_ANNOTATION_PROCESSOR_BEAN_NAME))
			.isFalse();
		assertThat(((RootBeanDefinition) aotContext.getBeanFactory().getMergedBeanDefinition("ariaTokenManager"))
			.getInstanceSupplier()).isNotNull();
	}

	private void assertEveryClientCarriesTheToken(GenericApplicationContext aotContext, FakeAria aria) {
		assertThat(AriaClient.REST_CLIENT.get(aotContext, "/rest").body()).isEqualTo("pong");
		assertThat(aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		assertThat(AriaClient.WEB_CLIENT.get(aotContext, "/web").body()).isEqualTo("pong");
		assertThat(aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		assertThat(aotContext.getBean(Billie.class).ping()).isEqualTo("pong");
		assertThat(aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		ConverseResponse answer = aotContext.getBean(AriaConverseClient.class)
			.converse(ConverseRequest.question("What is my balance?"));
		assertThat(answer.text()).isEqualTo("The balance is 120.00 USD.");
		assertThat(answer.responseType()).isEqualTo("BILLING_INFO");
		assertThat(aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		ConverseResponse reactiveAnswer = aotContext.getBean(ReactiveAriaConverseClient.class)
			.converse(ConverseRequest.question("What is my balance?"))
			.block(Duration.ofSeconds(60));
		assertThat(reactiveAnswer).isEqualTo(answer);
		assertThat(aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		assertThat(aria.tokensIssued).hasValue(1);
		// A named registration's beans come from bean definitions made at build time, and
		// get a token of their own.
		assertThat(aotContext.getBean("ariaRestClient-billing", RestClient.class)
			.get()
			.uri("/billing")
			.retrieve()
			.body(String.class)).isEqualTo("pong");
		assertThat(aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-2");
	}

	private void assertActuatorParts(GenericApplicationContext aotContext) {
		CompositeHealthContributor perRegistration = aotContext.getBean("ariaAuthHealthIndicator",
				CompositeHealthContributor.class);
		assertThat(perRegistration.getContributor("billing")).isInstanceOf(HealthIndicator.class);
		Health health = ((HealthIndicator) perRegistration.getContributor("aria")).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("expiresAt",
				aotContext.getBean(AriaTokenManager.class).getCachedToken().orElseThrow().expiresAt().toString());
		assertThat(aotContext.getBean("ariaAuthSanitizingFunction")).isInstanceOf(SanitizingFunction.class);
		MeterRegistry registry = aotContext.getBean(MeterRegistry.class);
		// The timer comes from the token request's observation, stopped after the callers
		// got their answer.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					registry.find(AriaTokenMetrics.REQUESTS).tags("outcome", "success", "status", "200").timer())
				.isNotNull());
		assertThat(registry.get(AriaTokenMetrics.REQUESTS).tags("outcome", "success").timer().count()).isOne();
		assertThat(registry.get(AriaTokenExpiryMetrics.EXPIRY).tag("registration", "aria").gauge().value())
			.isBetween(3500.0, 3600.0);
	}

	private static String[] properties(FakeAria aria) {
		String[] ariaProperties = aria.properties();
		List<String> properties = new ArrayList<>(List.of(ariaProperties));
		// The same service account once more, as a named registration.
		for (String property : ariaProperties) {
			properties.add(property.replace("aria.auth.", "aria.auth.registrations.billing."));
		}
		properties.add(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN);
		return properties.toArray(String[]::new);
	}

	private static MockResponse json(String body) {
		return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
	}

	interface Billie {

		@GetExchange("/ping")
		String ping();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "aria", types = Billie.class)
	static class AotApplication {

	}

}
