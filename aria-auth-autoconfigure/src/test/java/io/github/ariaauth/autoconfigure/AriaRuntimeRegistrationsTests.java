package io.github.ariaauth.autoconfigure;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaRegistrationProperties;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.RefusingPort;
import io.github.ariaauth.actuate.AriaTokenExpiryMetrics;
import io.github.ariaauth.actuate.AriaTokenMetrics;
import io.github.ariaauth.autoconfigure.AriaMultipleRegistrationsTests.Aria;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Registrations added and removed while the application runs: an added one is a named
 * registration like a configured one (own token, host rules, metrics, health), a removed
 * one releases what it held and its callers get a clear error.
 */
class AriaRuntimeRegistrationsTests {

	private final Aria aria = new Aria("aria-client", "aria-secret");

	private final Aria billing = new Aria("billing-client", "billing-secret");

	// One token endpoint and API for every tenant: it issues tokens naming the client id
	// they were issued to and answers with the owner of the token it is shown, so a
	// token that crossed registrations shows in the answer.
	private final Aria tenants = new Aria("unused", "unused");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(FakeAria.CLIENTS)
		.withConfiguration(
				AutoConfigurations.of(AriaAuthMetricsAutoConfiguration.class, AriaAuthHealthAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
		.withPropertyValues(this.aria.properties("aria.auth."))
		.withPropertyValues(this.billing.properties("aria.auth.registrations.billing."));

	@AfterEach
	void close() {
		this.aria.close();
		this.billing.close();
		this.tenants.close();
	}

	@Test
	void aHundredAddedUnderTrafficEachUseItsOwnTokenAndFiftyRemovedReleaseEverything() {
		this.contextRunner.run((context) -> {
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			context.getBean(AriaTokenExpiryMetrics.class).bindTo(meters);
			context.getBean("ariaRuntimeRegistrationMeters", MeterBinder.class).bindTo(meters);
			ThreadPoolExecutor executor = sharedExecutor(context.getBean(DefaultAriaRegistrations.class));
			List<Throwable> trafficFailures = new CopyOnWriteArrayList<>();
			AtomicBoolean stop = new AtomicBoolean();
			AtomicInteger trafficCalls = new AtomicInteger();
			List<Thread> traffic = new ArrayList<>();
			for (String name : List.of("aria", "billing", "aria")) {
				Thread thread = new Thread(() -> {
					try {
						while (!stop.get()) {
							assertThat(get(registrations.restClient(name))).isEqualTo(name + "-client answered");
							// Names and look-ups while others add and remove.
							for (String listed : registrations.names()) {
								try {
									assertThat(registrations.tokenManager(listed)
										.getClientRegistration()
										.getRegistrationId()).isEqualTo(listed);
								}
								catch (IllegalArgumentException removedMeanwhile) {
									assertThat(listed).startsWith("tenant-");
								}
							}
							trafficCalls.incrementAndGet();
						}
					}
					catch (Throwable ex) {
						trafficFailures.add(ex);
					}
				}, "traffic-" + name);
				traffic.add(thread);
				thread.start();
			}

			for (int i = 0; i < 100; i++) {
				registrations.add("tenant-" + i, tenant(i));
			}
			Map<String, RestClient> held = new ConcurrentHashMap<>();
			List<WeakReference<AriaTokenManager>> removedManagers = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				String name = "tenant-" + i;
				RestClient client = registrations.restClient(name);
				assertThat(get(client)).isEqualTo("client-" + i + " answered");
				if (i < 50) {
					held.put(name, client);
					removedManagers.add(new WeakReference<>(registrations.tokenManager(name)));
				}
			}
			assertThat(this.tenants.tokenRequests()).hasSize(100)
				.doesNotHaveDuplicates()
				.allMatch((request) -> request.matches("client-(\\d+):secret-\\1"));

			for (int i = 0; i < 50; i++) {
				registrations.remove("tenant-" + i);
			}
			stop.set(true);
			for (Thread thread : traffic) {
				thread.join(60_000);
			}
			assertThat(trafficFailures).isEmpty();
			assertThat(trafficCalls).hasPositiveValue();

			assertThat(registrations.names()).hasSize(52)
				.startsWith("aria", "billing", "tenant-50")
				.noneMatch((name) -> name.matches("tenant-([0-9]|[1-4][0-9])"));
			// A caller holding a removed registration's client learns why it failed.
			assertThatThrownBy(() -> get(held.get("tenant-7"))).satisfies((ex) -> {
				AriaAuthException failure = findCause(ex, AriaAuthException.class);
				assertThat(failure.getErrorCode()).isEqualTo(AriaAuthException.CLOSED);
				assertThat(failure.getHint()).contains("removed at run time");
			});
			assertThatIllegalArgumentException().isThrownBy(() -> registrations.restClient("tenant-7"))
				.withMessageContaining("'tenant-7'")
				.withMessageContaining("removed at run time");
			for (int i = 50; i < 100; i++) {
				assertThat(get(registrations.restClient("tenant-" + i))).isEqualTo("client-" + i + " answered");
			}
			assertThat(this.tenants.tokenRequests()).as("the remaining ones kept their tokens").hasSize(100);

			// No work left running for the removed ones: once idle (made quick here, 30 s
			// in use), every shared token thread ends.
			executor.setKeepAliveTime(1, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> executor.getPoolSize() == 0 && Thread.getAllStackTraces()
					.keySet()
					.stream()
					.noneMatch((thread) -> thread.isAlive() && thread.getName().startsWith("aria-auth-token-shared")));
			// Their token cores are unreachable: nothing (registrations, meters, health)
			// kept them.
			held.clear();
			assertThat(collected(removedManagers)).as("removed token cores garbage-collected").isTrue();
		});
	}

	@Test
	void anAddedRegistrationKeepsItsTokenToItsOwnHostsAndAllItsClientsStopWhenRemoved() {
		this.contextRunner.run((context) -> {
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
			registrations.add("tenant-1", tenant(1));
			RestClient rest = registrations.restClient("tenant-1");
			WebClient web = registrations.client("tenant-1", WebClient.class);
			AriaTokenManager tokenManager = registrations.tokenManager("tenant-1");

			int status = rest.get()
				.uri(this.billing.api.url("/ping").toString())
				.exchange((request, response) -> response.getStatusCode().value());
			assertThat(status).isEqualTo(401);
			assertThat(this.billing.apiAuthorizations()).containsExactly("(none)");
			assertThat(web.get().uri("/ping").retrieve().bodyToMono(String.class).block())
				.isEqualTo("client-1 answered");
			assertThat(registrations.interceptor("tenant-1")).isNotNull();

			registrations.remove("tenant-1");

			assertThatExceptionOfType(AriaAuthException.class).isThrownBy(tokenManager::getToken)
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(AriaAuthException.CLOSED))
				.satisfies((ex) -> assertThat(ex.getHint()).contains("removed at run time"));
			assertThatThrownBy(() -> web.get().uri("/ping").retrieve().bodyToMono(String.class).block())
				.satisfies((ex) -> assertThat(findCause(ex, AriaAuthException.class).getErrorCode())
					.isEqualTo(AriaAuthException.CLOSED));
			assertThatIllegalArgumentException().isThrownBy(() -> registrations.interceptor("tenant-1"))
				.withMessageContaining("removed at run time");
			// The name may be used again, for a new registration.
			registrations.add("tenant-1", tenant(2));
			assertThat(get(registrations.restClient("tenant-1"))).isEqualTo("client-2 answered");
		});
	}

	@Test
	void healthAndMetricsShowAnAddedRegistrationAndForgetARemovedOne() {
		this.contextRunner.run((context) -> {
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			context.getBean(AriaTokenExpiryMetrics.class).bindTo(meters);
			context.getBean("ariaRuntimeRegistrationMeters", MeterBinder.class).bindTo(meters);
			CompositeHealthContributor health = context.getBean("ariaAuthHealthIndicator",
					CompositeHealthContributor.class);

			registrations.add("tenant-3", tenant(3));
			get(registrations.restClient("tenant-3"));

			assertThat(health.stream().map(HealthContributors.Entry::name)).containsExactly("aria", "billing",
					"tenant-3");
			assertThat(((HealthIndicator) health.getContributor("tenant-3")).health().getDetails())
				.containsKey("expiresAt");
			assertThat(meters.get(AriaTokenExpiryMetrics.EXPIRY).tag("registration", "tenant-3").gauge().value())
				.isPositive();
			assertThat(meters.get(AriaTokenMetrics.INVALIDATIONS).tag("registration", "tenant-3").counter())
				.isNotNull();

			registrations.remove("tenant-3");

			assertThat(health.stream().map(HealthContributors.Entry::name)).containsExactly("aria", "billing");
			assertThat(health.getContributor("tenant-3")).isNull();
			assertThat(meters.find("aria.auth.token.expiry").tag("registration", "tenant-3").meters()).isEmpty();
			assertThat(meters.getMeters())
				.noneMatch((meter) -> "tenant-3".equals(meter.getId().getTag("registration")));
			assertThat(meters.find(AriaTokenExpiryMetrics.EXPIRY).tag("registration", "billing").gauge()).isNotNull();
		});
	}

	@Test
	void aNameInUseOrInvalidOrABadRegistrationIsRefusedNamingTheProperty() {
		this.contextRunner.run((context) -> {
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
			registrations.add("tenant-1", tenant(1));

			for (String name : List.of("billing", "tenant-1", "aria", "Tenant_2", "-x")) {
				assertThatExceptionOfType(AriaAuthConfigurationException.class)
					.isThrownBy(() -> registrations.add(name, tenant(9)))
					.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("aria.auth.registrations." + name))
					.withMessageContaining("'" + name + "'");
			}
			AriaRegistrationProperties noSecret = tenant(2);
			noSecret.setClientSecret(null);
			refused(registrations, noSecret, "aria.auth.registrations.tenant-2.client-secret");
			AriaRegistrationProperties noRegion = tenant(2);
			noRegion.setTokenUri(null);
			noRegion.setApiBaseUrl(null);
			refused(registrations, noRegion, "aria.auth.registrations.tenant-2.region");
			AriaRegistrationProperties plainHttp = tenant(2);
			plainHttp.setTokenUri("http://auth.example.com/token");
			refused(registrations, plainHttp, "aria.auth.registrations.tenant-2.token-uri");

			assertThat(registrations.names()).containsExactly("aria", "billing", "tenant-1");
			assertThatIllegalArgumentException().isThrownBy(() -> registrations.remove("billing"))
				.withMessageContaining("only registrations added at run time can be removed");
			assertThatIllegalArgumentException().isThrownBy(() -> registrations.remove("aria"))
				.withMessageContaining("only registrations added at run time can be removed");
			assertThatIllegalArgumentException().isThrownBy(() -> registrations.remove("tenant-2"))
				.withMessageContaining("'tenant-2'");
			assertThat(get(registrations.restClient("billing"))).isEqualTo("billing-client answered");
		});
	}

	@Test
	void registrationsCanBeAddedNextToTheDefaultRegistrationAlone() {
		new ApplicationContextRunner().withConfiguration(FakeAria.CLIENTS)
			.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
			.withPropertyValues(this.aria.properties("aria.auth."))
			.run((context) -> {
				AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
				registrations.add("tenant-4", tenant(4));
				assertThat(registrations.names()).containsExactly("aria", "tenant-4");
				assertThat(get(registrations.restClient("tenant-4"))).isEqualTo("client-4 answered");
				assertThat(get(registrations.restClient("aria"))).isEqualTo("aria-client answered");
			});
	}

	@Test
	@SuppressWarnings("unchecked")
	void withTheDefaultRegistrationAloneHealthKeepsItsShapeAndAddedRegistrationsJoinItsDetails() {
		new ApplicationContextRunner().withConfiguration(FakeAria.CLIENTS)
			.withConfiguration(AutoConfigurations.of(AriaAuthHealthAutoConfiguration.class))
			.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN)
			.withPropertyValues(this.aria.properties("aria.auth."))
			.run((context) -> {
				HealthIndicator health = context.getBean("ariaAuthHealthIndicator", HealthIndicator.class);
				AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
				Map<String, Object> alone = health.health().getDetails();
				assertThat(alone).containsOnlyKeys("tokenUri", "token");

				registrations.add("tenant-5", tenant(5));
				get(registrations.restClient("tenant-5"));
				try (RefusingPort refusing = RefusingPort.open()) {
					AriaRegistrationProperties unreachable = tenant(6);
					unreachable.setTokenUri("http://127.0.0.1:" + refusing.port() + "/token");
					registrations.add("tenant-6", unreachable);
					assertThatExceptionOfType(AriaAuthException.class)
						.isThrownBy(() -> registrations.tokenManager("tenant-6").getToken());
				}

				Health withAdded = health.health();
				assertThat(withAdded.getStatus()).isEqualTo(Status.UP);
				assertThat(withAdded.getDetails()).containsEntry("tokenUri", alone.get("tokenUri"))
					.containsEntry("token", "not fetched yet");
				Map<String, Map<String, Object>> entries = (Map<String, Map<String, Object>>) withAdded.getDetails()
					.get("registrations");
				assertThat(entries).containsOnlyKeys("aria", "tenant-5", "tenant-6");
				assertThat(entries.get("aria")).containsEntry("status", "UP");
				assertThat(entries.get("tenant-5")).containsEntry("status", "UP");
				assertThat((Map<String, Object>) entries.get("tenant-5").get("details")).containsKey("expiresAt");
				assertThat(entries.get("tenant-6")).containsEntry("status", "REGISTRATION_DOWN");
				assertThat((Map<String, Object>) entries.get("tenant-6").get("details")).containsEntry("token", "none");

				registrations.remove("tenant-5");
				registrations.remove("tenant-6");

				assertThat(health.health().getDetails()).isEqualTo(alone);
			});
	}

	private void refused(AriaRegistrations registrations, AriaRegistrationProperties properties, String property) {
		assertThatExceptionOfType(AriaAuthConfigurationException.class)
			.isThrownBy(() -> registrations.add("tenant-2", properties))
			.satisfies((ex) -> assertThat(ex.getProperty()).startsWith(property))
			.withMessageContaining(property)
			.withMessageNotContaining("secret-2");
	}

	private AriaRegistrationProperties tenant(int i) {
		AriaRegistrationProperties properties = new AriaRegistrationProperties();
		properties.setClientId("client-" + i);
		properties.setClientSecret("secret-" + i);
		properties.setTokenUri(this.tenants.tokenEndpoint.url("/token").toString());
		properties.setApiBaseUrl(this.tenants.apiBaseUrl());
		return properties;
	}

	private static String get(RestClient client) {
		return client.get().uri("/ping").retrieve().body(String.class);
	}

	private static ThreadPoolExecutor sharedExecutor(DefaultAriaRegistrations registrations) {
		Object shared = ReflectionTestUtils.getField(registrations, "shared");
		assertThat(shared).isInstanceOf(SharedTokenResources.class);
		return (ThreadPoolExecutor) ((SharedTokenResources) shared).executor();
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " in " + ex, ex);
	}

	// Bounded: a collector that never clears them within this many full collections has
	// something holding them.
	private static boolean collected(List<WeakReference<AriaTokenManager>> references) {
		for (int attempt = 0; attempt < 50; attempt++) {
			if (references.stream().allMatch((reference) -> reference.get() == null)) {
				return true;
			}
			System.gc();
		}
		return false;
	}

}
