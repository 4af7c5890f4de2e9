package io.github.ariaauth.autoconfigure;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.actuate.AriaTokenExpiryMetrics;
import io.github.ariaauth.actuate.AriaTokenMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Several Aria service accounts in one application: each registration's token and secret
 * stay its own, each has its beans, clients and HTTP service group, one failing never
 * affects another, and hundreds of them cost a bounded number of threads.
 */
class AriaMultipleRegistrationsTests {

	private final Aria aria = new Aria("aria-client", "aria-secret");

	private final Aria billing = new Aria("billing-client", "billing-secret");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(FakeAria.CLIENTS)
		.withConfiguration(AutoConfigurations.of(HttpServiceClientAutoConfiguration.class,
				ReactiveHttpServiceClientAutoConfiguration.class))
		.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
		.withPropertyValues(this.aria.properties("aria.auth."))
		.withPropertyValues(this.billing.properties("aria.auth.registrations.billing."));

	@AfterEach
	void close() {
		this.aria.close();
		this.billing.close();
	}

	@Test
	void eachRegistrationGetsItsOwnTokenFromItsOwnEndpointThroughBothClientsAndNeverTheOthers() {
		this.contextRunner.run((context) -> {
			RestClient ariaRest = context.getBean("ariaRestClient", RestClient.class);
			RestClient billingRest = context.getBean("ariaRestClient-billing", RestClient.class);
			WebClient billingWeb = context.getBean("ariaWebClient-billing", WebClient.class);

			assertThat(get(ariaRest)).isEqualTo("aria-client answered");
			assertThat(get(billingRest)).isEqualTo("billing-client answered");
			assertThat(billingWeb.get().uri("/ping").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(60)))
				.isEqualTo("billing-client answered");

			assertThat(this.aria.tokenRequests()).containsExactly("aria-client:aria-secret");
			assertThat(this.billing.tokenRequests()).containsExactly("billing-client:billing-secret");
			assertThat(this.aria.apiAuthorizations()).allMatch((header) -> header.startsWith("Bearer aria-client-"));
			assertThat(this.billing.apiAuthorizations()).hasSize(2)
				.allMatch((header) -> header.startsWith("Bearer billing-client-"));
		});
	}

	@Test
	void aRegistrationsClientsNeverSendItsTokenToAnotherRegistrationsHost() {
		this.contextRunner.run((context) -> {
			RestClient billingRest = context.getBean("ariaRestClient-billing", RestClient.class);
			String otherHost = this.aria.api.url("/ping").toString();

			int status = billingRest.get()
				.uri(otherHost)
				.exchange((request, response) -> response.getStatusCode().value());

			assertThat(status).isEqualTo(401);
			assertThat(this.aria.apiAuthorizations()).containsExactly("(none)");
			assertThat(this.billing.tokenRequests()).isEmpty();
		});
	}

	@Test
	void registrationsArePickedByNameAtRunTimeAndAreTheSameInstancesAsTheirBeans() {
		this.contextRunner.run((context) -> {
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);

			assertThat(registrations.names()).containsExactly("aria", "billing");
			assertThat(registrations.restClient("billing")).isSameAs(context.getBean("ariaRestClient-billing"));
			assertThat(registrations.client("billing", WebClient.class))
				.isSameAs(context.getBean("ariaWebClient-billing"));
			assertThat(registrations.tokenManager("billing")).isSameAs(context.getBean("ariaTokenManager-billing"));
			assertThat(registrations.tokenManager("aria")).isSameAs(context.getBean("ariaTokenManager"));
			assertThat(registrations.restClient("aria")).isSameAs(context.getBean("ariaRestClient"));
			assertThat(registrations.tokenManager("billing").getClientRegistration().getRegistrationId())
				.isEqualTo("billing");
			assertThatIllegalArgumentException().isThrownBy(() -> registrations.restClient("shipping"))
				.withMessageContaining("shipping")
				.withMessageContaining("[aria, billing]");
		});
	}

	@Test
	void metricsAndHealthNameTheRegistration() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(AriaAuthMetricsAutoConfiguration.class,
					AriaAuthHealthAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				get(context.getBean("ariaRestClient-billing", RestClient.class));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				context.getBean(AriaTokenExpiryMetrics.class).bindTo(meters);
				for (String registration : List.of("aria", "billing")) {
					assertThat(meters.get(AriaTokenMetrics.INVALIDATIONS).tag("registration", registration).counter())
						.isNotNull();
				}
				assertThat(meters.get(AriaTokenExpiryMetrics.EXPIRY).tag("registration", "billing").gauge().value())
					.isPositive();
				assertThat(meters.get(AriaTokenExpiryMetrics.EXPIRY).tag("registration", "aria").gauge().value())
					.isZero();
				CompositeHealthContributor health = context.getBean("ariaAuthHealthIndicator",
						CompositeHealthContributor.class);
				assertThat(((HealthIndicator) health.getContributor("billing")).health().getDetails())
					.containsKey("expiresAt");
				assertThat(((HealthIndicator) health.getContributor("aria")).health().getDetails())
					.containsEntry("token", "not fetched yet");
			});
	}

	@Test
	void namedRegistrationsWorkWithoutWebFlux() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.web.reactive"))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("ariaWebClient-billing");
				assertThat(get(context.getBean(AriaRegistrations.class).restClient("billing")))
					.isEqualTo("billing-client answered");
			});
	}

	@Test
	void unqualifiedInjectionStillGetsTheDefaultRegistration() {
		this.contextRunner.withUserConfiguration(UsesTheDefault.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(UsesTheDefault.class).tokenManager)
				.isSameAs(context.getBean("ariaTokenManager"));
			assertThat(context.getBean(UsesTheDefault.class).billing)
				.isSameAs(context.getBean("ariaRestClient-billing"));
		});
	}

	@Test
	void oneRegistrationFailingNeverAffectsAnother() {
		this.billing.tokenEndpoint.close();
		this.contextRunner.run((context) -> {
			RestClient billingRest = context.getBean("ariaRestClient-billing", RestClient.class);

			AriaAuthException failure = org.assertj.core.api.Assertions.catchThrowableOfType(AriaAuthException.class,
					() -> get(billingRest));

			assertThat(failure.getErrorCode()).isEqualTo(AriaAuthException.CONNECTION_FAILED);
			assertThat(get(context.getBean("ariaRestClient", RestClient.class))).isEqualTo("aria-client answered");
			assertThat(context.getBean(AriaTokenManager.class).getLastFailure()).isEmpty();
		});
	}

	@Test
	void httpServiceGroupOfANamedRegistrationGetsItsBaseUrlAndTokenAndFollowsNoRedirects() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BillingGroups.class)
			.bannerMode(Banner.Mode.OFF)
			.web(WebApplicationType.NONE)
			.properties(this.aria.properties("aria.auth."))
			.properties(this.billing.properties("aria.auth.registrations.billing."))
			// The same service account once more, for a group of WebClient-backed
			// interfaces.
			.properties(this.billing.properties("aria.auth.registrations.billing-web."))
			.properties(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
			.run()) {
			assertThat(context.getBean(BillingPing.class).ping()).isEqualTo("billing-client answered");
			assertThat(context.getBean(ReactiveBillingPing.class).ping().block(Duration.ofSeconds(60)))
				.isEqualTo("billing-client answered");
			assertThat(this.billing.apiAuthorizations()).hasSize(2)
				.allMatch((header) -> header.startsWith("Bearer billing-client-"));
			assertThat(this.billing.tokenRequests()).hasSize(2);
			assertThat(this.aria.tokenRequests()).isEmpty();
			assertThat(context.getEnvironment().getProperty("spring.http.serviceclient.aria-billing.redirects"))
				.isEqualTo("dont-follow");
		}
	}

	@Test
	void withOnlyNamedRegistrationsThereAreNoDefaultBeansAndNoStartupFailure() {
		new ApplicationContextRunner().withConfiguration(FakeAria.CLIENTS)
			.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
			.withPropertyValues(this.billing.properties("aria.auth.registrations.billing."))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean("ariaTokenManager")
					.doesNotHaveBean("ariaRestClient")
					.doesNotHaveBean("ariaWebClient")
					.hasBean("ariaRestClient-billing");
				assertThat(context.getBean(AriaRegistrations.class).names()).containsExactly("billing");
				assertThat(get(context.getBean("ariaRestClient-billing", RestClient.class)))
					.isEqualTo("billing-client answered");
			});
	}

	@Test
	void startupFailsNamingTheRegistrationsPropertyWhenItsSecretIsMissing() {
		this.contextRunner.withPropertyValues("aria.auth.registrations.billing.client-secret=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(AriaAuthConfigurationException.class)
				.hasMessageContaining("aria.auth.registrations.billing.client-secret")
				.hasMessageContaining("ARIA_AUTH_REGISTRATIONS_BILLING_CLIENTSECRET")
				.hasMessageNotContaining("billing-secret");
		});
	}

	@Test
	void startupFailsNamingTheRegistrationWhenItsNameCannotNameBeans() {
		this.contextRunner.withPropertyValues("aria.auth.registrations.Big_Customer.client-id=x").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(AriaAuthConfigurationException.class)
				.hasMessageContaining("aria.auth.registrations.Big_Customer")
				.hasMessageContaining("lower-case letters, digits and '-'");
		});
	}

	@Test
	void twoHundredRegistrationsMakeOneTokenRequestEachWithABoundedNumberOfThreads() {
		int registrations = 200;
		Map<String, String> properties = new LinkedHashMap<>();
		for (int i = 0; i < registrations; i++) {
			String prefix = "aria.auth.registrations.r" + i + ".";
			properties.put(prefix + "client-id", "client-" + i);
			properties.put(prefix + "client-secret", "secret-" + i);
			properties.put(prefix + "token-uri", this.aria.tokenEndpoint.url("/token").toString());
			properties.put(prefix + "api-base-url", this.aria.apiBaseUrl());
		}
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		new ApplicationContextRunner().withConfiguration(FakeAria.CLIENTS)
			.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN, "spring.http.clients.reactive.connector=jdk")
			.withPropertyValues(
					properties.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).toArray(String[]::new))
			.run((context) -> {
				AriaRegistrations all = context.getBean(AriaRegistrations.class);
				// Five concurrent cold calls per registration, the registrations' calls
				// side by side.
				List<String> answers = Flux.range(0, registrations * 5)
					.flatMap((call) -> all.client("r" + (call / 5), WebClient.class)
						.get()
						.uri("/ping")
						.retrieve()
						.bodyToMono(String.class)
						.map((answer) -> (call / 5) + ": " + answer), 100)
					.collectList()
					.block(Duration.ofSeconds(60));

				assertThat(answers).hasSize(registrations * 5)
					.allSatisfy((answer) -> assertThat(answer).matches("(\\d+): client-\\1 answered"));
				assertThat(this.aria.tokenRequests()).hasSize(registrations)
					.doesNotHaveDuplicates()
					.allMatch(AriaMultipleRegistrationsTests::matchesOwnSecret);
				List<String> added = new ArrayList<>();
				for (Thread thread : Thread.getAllStackTraces().keySet()) {
					if (thread.isAlive() && !before.contains(thread)) {
						added.add(thread.getName());
					}
				}
				// At most one token request open per registration, each on a thread of
				// its
				// own (no queue lets one registration wait behind another's).
				assertThat(added).filteredOn((name) -> name.startsWith("aria-auth-token"))
					.hasSizeLessThanOrEqualTo(registrations);
				// One JDK client for all token requests, one behind
				// ariaClientHttpConnector for all registrations'
				// API calls, and the application's own WebClient connector: none per
				// registration.
				assertThat(added).filteredOn((name) -> name.endsWith("SelectorManager"))
					.as("JDK clients")
					.hasSizeLessThanOrEqualTo(3);
			});
	}

	private static boolean matchesOwnSecret(String request) {
		String[] parts = request.split(":");
		return parts[0].replace("client-", "").equals(parts[1].replace("secret-", ""));
	}

	private static String get(RestClient client) {
		return client.get().uri("/ping").retrieve().body(String.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class UsesTheDefault {

		final AriaTokenManager tokenManager;

		final RestClient billing;

		UsesTheDefault(AriaTokenManager tokenManager, @Qualifier("ariaRestClient-billing") RestClient billing) {
			this.tokenManager = tokenManager;
			this.billing = billing;
		}

	}

	interface BillingPing {

		@GetExchange("/ping")
		String ping();

	}

	interface ReactiveBillingPing {

		@GetExchange("/ping")
		reactor.core.publisher.Mono<String> ping();

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "aria-billing", types = BillingPing.class)
	@ImportHttpServices(group = "aria-billing-web", types = ReactiveBillingPing.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class BillingGroups {

	}

	/**
	 * A token endpoint that issues {@code <client id>-<n>} to whoever presents the right
	 * secret, and an API that answers {@code <client id> answered} for a token of its own
	 * endpoint (as the text of a Converse answer on the Converse paths).
	 */
	static final class Aria implements AutoCloseable {

		final MockWebServer tokenEndpoint = new MockWebServer();

		final MockWebServer api = new MockWebServer();

		private final String clientId;

		private final String clientSecret;

		private final List<String> tokenRequests = Collections.synchronizedList(new ArrayList<>());

		private final List<String> apiAuthorizations = Collections.synchronizedList(new ArrayList<>());

		private final Map<String, String> issued = new ConcurrentHashMap<>();

		private final AtomicInteger count = new AtomicInteger();

		Aria(String clientId, String clientSecret) {
			this.clientId = clientId;
			this.clientSecret = clientSecret;
			this.tokenEndpoint.setDispatcher(new Dispatcher() {
				@Override
				public MockResponse dispatch(RecordedRequest request) {
					Map<String, String> form = form(request.getBody().string(StandardCharsets.UTF_8));
					String id = form.get("client_id");
					String secret = form.get("client_secret");
					Aria.this.tokenRequests.add(id + ":" + secret);
					String token = id + "-" + Aria.this.count.incrementAndGet();
					Aria.this.issued.put(token, id);
					return new MockResponse.Builder().code(200)
						.setHeader("Content-Type", "application/json")
						.body("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
						.build();
				}
			});
			this.api.setDispatcher(new Dispatcher() {
				@Override
				public MockResponse dispatch(RecordedRequest request) {
					String authorization = request.getHeaders().get("Authorization");
					Aria.this.apiAuthorizations.add((authorization != null) ? authorization : "(none)");
					String owner = (authorization != null) ? Aria.this.issued.get(authorization.substring(7)) : null;
					if (owner == null) {
						return FakeAria.text(401, "not ours");
					}
					if (request.getTarget().endsWith("/converse")) {
						return new MockResponse.Builder().code(200)
							.setHeader("Content-Type", "application/json")
							.body("{\"content\":{\"text\":\"" + owner + " answered\",\"type\":\"RESPONSE\"}}")
							.build();
					}
					return FakeAria.text(200, owner + " answered");
				}
			});
			try {
				this.tokenEndpoint.start();
				this.api.start();
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}

		String[] properties(String prefix) {
			return new String[] { prefix + "client-id=" + this.clientId, prefix + "client-secret=" + this.clientSecret,
					prefix + "token-uri=" + this.tokenEndpoint.url("/token"), prefix + "api-base-url=" + apiBaseUrl() };
		}

		String apiBaseUrl() {
			String url = this.api.url("/").toString();
			return url.substring(0, url.length() - 1);
		}

		List<String> tokenRequests() {
			return List.copyOf(this.tokenRequests);
		}

		List<String> apiAuthorizations() {
			return List.copyOf(this.apiAuthorizations);
		}

		private static Map<String, String> form(String body) {
			return Arrays.stream(body.split("&"))
				.map((pair) -> pair.split("=", 2))
				.collect(Collectors.toMap((pair) -> pair[0],
						(pair) -> URLDecoder.decode((pair.length > 1) ? pair[1] : "", StandardCharsets.UTF_8)));
		}

		@Override
		public void close() {
			this.tokenEndpoint.close();
			this.api.close();
		}

	}

}
