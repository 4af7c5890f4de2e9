package io.github.ariaauth.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.MutableClock;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code ariaWebClient} and {@code ariaRestClient} attach the token, checked through
 * both over real HTTP.
 */
class AriaBearerTokenClientsTests {

	private final FakeAria aria = new FakeAria();

	private final ApplicationContextRunner contextRunner = this.aria.clientsRunner();

	@AfterEach
	void closeServers() {
		this.aria.close();
	}

	@ParameterizedTest
	@EnumSource
	void authorizationHeaderIsExactlyBearerAndTheAccessToken(AriaClient client) {
		this.contextRunner.run((context) -> {
			assertThat(client.get(context, "/api/v2/converse").status()).isEqualTo(200);
			RecordedRequest request = this.aria.takeApiRequest();
			assertThat(request.getHeaders().values("Authorization")).containsExactly("Bearer token-1");
			assertThat(request.getTarget()).isEqualTo("/api/v2/converse");
		});
	}

	@ParameterizedTest
	@EnumSource
	void tokenIsFetchedOnceAndReusedForLaterCalls(AriaClient client) {
		this.contextRunner.run((context) -> {
			for (int i = 0; i < 3; i++) {
				assertThat(client.get(context, "/ping").status()).isEqualTo(200);
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
			}
			assertThat(this.aria.tokensIssued).hasValue(1);
		});
	}

	@ParameterizedTest
	@EnumSource
	void requestWithItsOwnAuthorizationHeaderIsLeftAlone(AriaClient client) {
		this.contextRunner.run((context) -> {
			assertThat(client.send(context, "/ping", null, "Basic dXNlcjpwYXNz").status()).isEqualTo(200);
			assertThat(this.aria.takeApiRequest().getHeaders().values("Authorization"))
				.containsExactly("Basic dXNlcjpwYXNz");
			assertThat(this.aria.tokensIssued).hasValue(0);
		});
	}

	@ParameterizedTest
	@EnumSource
	void tokenIsNotSentToOtherHosts(AriaClient client) throws Exception {
		try (MockWebServer other = FakeAria.otherHost()) {
			other.enqueue(FakeAria.text(200, "ok"));
			other.start();
			this.contextRunner.run((context) -> {
				assertThat(client.get(context, other.url("/elsewhere").toString()).status()).isEqualTo(200);
				assertThat(FakeAria.take(other).getHeaders().get("Authorization")).isNull();
				assertThat(this.aria.tokensIssued).hasValue(0);
			});
		}
	}

	@ParameterizedTest
	@EnumSource
	void tokenIsSentToHostsListedInAllowedHosts(AriaClient client) throws Exception {
		try (MockWebServer other = FakeAria.otherHost()) {
			other.enqueue(FakeAria.text(200, "ok"));
			other.start();
			this.contextRunner
				.withPropertyValues("aria.auth.allowed-hosts=" + other.getHostName() + ":" + other.getPort())
				.run((context) -> {
					assertThat(client.get(context, other.url("/extra").toString()).status()).isEqualTo(200);
					assertThat(FakeAria.take(other).getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
				});
		}
	}

	@ParameterizedTest
	@EnumSource
	void redirectToAnotherHostNeverCarriesTheToken(AriaClient client) throws Exception {
		assertRedirectDoesNotCarryTheToken(client, this.contextRunner);
	}

	@ParameterizedTest
	@EnumSource
	void redirectToAnotherHostNeverCarriesTheTokenWithTheJdkHttpClient(AriaClient client) throws Exception {
		assertRedirectDoesNotCarryTheToken(client, this.contextRunner.withPropertyValues(
				"spring.http.clients.imperative.factory=jdk", "spring.http.clients.reactive.connector=jdk"));
	}

	private void assertRedirectDoesNotCarryTheToken(AriaClient client, ApplicationContextRunner runner)
			throws Exception {
		try (MockWebServer other = FakeAria.otherHost()) {
			other.enqueue(FakeAria.text(200, "elsewhere"));
			other.start();
			this.aria.redirectApiTo(other);
			runner.run((context) -> {
				AriaClient.Reply reply = client.get(context, "/ping");
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
				// Boot's HTTP clients follow redirects by default; ours never do,
				// whatever the client library.
				assertThat(reply.status()).isEqualTo(302);
				assertThat(other.getRequestCount()).isZero();
			});
		}
	}

	@ParameterizedTest
	@EnumSource
	void unauthorizedForTheSentTokenFetchesANewOneAndResendsTheBodyOnce(AriaClient client) {
		this.aria.apiAnswer = (request) -> "Bearer token-1".equals(request.getHeaders().get("Authorization"))
				? FakeAria.text(401, "expired") : FakeAria.text(200, "answer to " + request.getBody().utf8());
		this.contextRunner.run((context) -> {
			AriaClient.Reply reply = client.send(context, "/api/v2/converse", "{\"text\":\"how much?\"}", null);
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.body()).isEqualTo("answer to {\"text\":\"how much?\"}");
			RecordedRequest first = this.aria.takeApiRequest();
			RecordedRequest second = this.aria.takeApiRequest();
			assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
			assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer token-2");
			assertThat(second.getMethod()).isEqualTo("POST");
			assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8()).isEqualTo("{\"text\":\"how much?\"}");
			assertThat(this.aria.tokensIssued).hasValue(2);
		});
	}

	@ParameterizedTest
	@EnumSource
	void unauthorizedIsResentOnlyOnce(AriaClient client) {
		this.aria.apiAnswer = (request) -> FakeAria.text(401, "no");
		this.contextRunner.run((context) -> {
			assertThat(client.get(context, "/ping").status()).isEqualTo(401);
			assertThat(this.aria.api.getRequestCount()).isEqualTo(2);
			assertThat(this.aria.tokensIssued).hasValue(2);
		});
	}

	@ParameterizedTest
	@EnumSource
	void forbiddenIsNotRetried(AriaClient client) {
		this.aria.apiAnswer = (request) -> FakeAria.text(403, "Billie Connect is not enabled");
		this.contextRunner.run((context) -> {
			assertThat(client.get(context, "/ping").status()).isEqualTo(403);
			assertThat(this.aria.api.getRequestCount()).isEqualTo(1);
			assertThat(this.aria.tokensIssued).hasValue(1);
			assertThat(context.getBean(AriaTokenManager.class).getCachedToken()).isPresent();
		});
	}

	@ParameterizedTest
	@EnumSource
	void serverErrorsAreNotRetriedAndKeepTheToken(AriaClient client) {
		this.aria.apiAnswer = (request) -> FakeAria.text(503, "gateway timeout");
		this.contextRunner.run((context) -> {
			assertThat(client.get(context, "/ping").status()).isEqualTo(503);
			assertThat(client.get(context, "/ping").status()).isEqualTo(503);
			assertThat(this.aria.api.getRequestCount()).isEqualTo(2);
			assertThat(this.aria.tokensIssued).hasValue(1);
			assertThat(context.getBean(AriaTokenManager.class).getCachedToken()).isPresent();
		});
	}

	@ParameterizedTest
	@EnumSource
	void unauthorizedWithoutOurTokenIsNotRetried(AriaClient client) {
		this.aria.apiAnswer = (request) -> FakeAria.text(401, "no");
		this.contextRunner.run((context) -> {
			assertThat(client.send(context, "/ping", null, "Bearer mine").status()).isEqualTo(401);
			assertThat(this.aria.api.getRequestCount()).isEqualTo(1);
			assertThat(this.aria.tokensIssued).hasValue(0);
		});
	}

	@ParameterizedTest
	@EnumSource
	void concurrentUnauthorizedAnswersForTheSameTokenCauseOneTokenRequest(AriaClient client) {
		int callers = 100;
		AtomicInteger rejected = new AtomicInteger();
		// No 401 leaves the API before ten callers have sent the old token (fewer than
		// any connection pool
		// carries), so at least ten 401s for the same token are handled at once.
		CountDownLatch overlap = new CountDownLatch(10);
		this.aria.apiAnswer = (request) -> {
			if (!"Bearer token-1".equals(request.getHeaders().get("Authorization"))) {
				return FakeAria.text(200, "ok");
			}
			rejected.incrementAndGet();
			overlap.countDown();
			await(overlap);
			return FakeAria.text(401, "expired");
		};
		this.contextRunner.withUserConfiguration(ConnectionsForEveryCaller.class).run((context) -> {
			context.getBean(AriaTokenManager.class).getToken();
			List<AriaClient.Reply> replies = Flux
				.merge(IntStream.range(0, callers)
					.mapToObj((i) -> client.sendAsync(context, "/ping", null, null))
					.toList())
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(replies).hasSize(callers).allSatisfy((reply) -> assertThat(reply.status()).isEqualTo(200));
			assertThat(rejected).hasValueGreaterThanOrEqualTo(10);
			assertThat(this.aria.tokensIssued).hasValue(2);
			assertThat(this.aria.api.getRequestCount()).isEqualTo(callers + rejected.get());
		});
	}

	@ParameterizedTest
	@EnumSource
	void concurrentCallsOnAColdStartMakeOneTokenRequest(AriaClient client) {
		int callers = 200;
		CountDownLatch gate = new CountDownLatch(1);
		this.aria.tokenGate = gate;
		this.contextRunner.withUserConfiguration(ConnectionsForEveryCaller.class).run((context) -> {
			var replies = Flux
				.merge(IntStream.range(0, callers)
					.mapToObj((i) -> client.sendAsync(context, "/ping", null, null))
					.toList())
				.collectList()
				.toFuture();
			// The first caller's token request is held at the endpoint until it arrives,
			// so callers pile up on it.
			this.aria.awaitTokenRequestBefore(replies);
			gate.countDown();
			assertThat(replies.get(30, TimeUnit.SECONDS)).hasSize(callers)
				.allSatisfy((reply) -> assertThat(reply.status()).isEqualTo(200));
			assertThat(this.aria.tokensIssued).hasValue(1);
			List<String> sent = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				sent.add(this.aria.takeApiRequest().getHeaders().get("Authorization"));
			}
			assertThat(sent).containsOnly("Bearer token-1");
		});
	}

	@ParameterizedTest
	@EnumSource
	void tokenWithinItsExpiryMarginIsNeverSent(AriaClient client) {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		this.contextRunner
			.withBean(AriaTokenManager.class,
					() -> AriaTokenManager.builder(registration(this.aria)).clock(clock).build())
			.run((context) -> {
				assertThat(client.get(context, "/ping").status()).isEqualTo(200);
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
				// token-1 lives 3600 s; 29 s before its end it is inside the 30 s expiry
				// margin.
				clock.set(Instant.parse("2026-01-01T00:59:31Z"));
				assertThat(client.get(context, "/ping").status()).isEqualTo(200);
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-2");
				assertThat(this.aria.tokensIssued).hasValue(2);
			});
	}

	@ParameterizedTest
	@EnumSource
	void tokenInsideTheRefreshWindowIsStillSentWhileANewOneIsFetched(AriaClient client) {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		CountDownLatch gate = new CountDownLatch(1);
		this.contextRunner
			.withBean(AriaTokenManager.class,
					() -> AriaTokenManager.builder(registration(this.aria)).clock(clock).build())
			.run((context) -> {
				assertThat(client.get(context, "/ping").status()).isEqualTo(200);
				this.aria.tokenGate = gate;
				// 60 s before the end: inside the refresh window, outside the expiry
				// margin.
				clock.set(Instant.parse("2026-01-01T00:59:00Z"));
				assertThat(client.get(context, "/ping").status()).isEqualTo(200);
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
				assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
				this.aria.awaitTokenRequest();
				this.aria.awaitTokenRequest();
				gate.countDown();
			});
	}

	/**
	 * Reactor Netty's default pool (at least 16 connections, with twice as many requests
	 * waiting for one) turns away what exceeds it on a small machine; the concurrency
	 * tests send up to 200 requests at once, each of which gets a connection here.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ConnectionsForEveryCaller {

		@Bean(destroyMethod = "dispose")
		ConnectionProvider ariaTestConnectionProvider() {
			return ConnectionProvider.builder("aria-clients-test")
				.maxConnections(200)
				.pendingAcquireMaxCount(-1)
				.build();
		}

		@Bean
		ClientHttpConnectorBuilder<?> clientHttpConnectorBuilder(ConnectionProvider connections) {
			return ClientHttpConnectorBuilder.reactor().withHttpClientFactory(() -> HttpClient.create(connections));
		}

		@Bean
		ClientHttpRequestFactoryBuilder<?> clientHttpRequestFactoryBuilder(ConnectionProvider connections) {
			return ClientHttpRequestFactoryBuilder.reactor()
				.withHttpClientFactory(() -> HttpClient.create(connections));
		}

	}

	static ClientRegistration registration(FakeAria aria) {
		return ClientRegistration.withRegistrationId(AriaTokenManager.REGISTRATION_ID)
			.clientId("test-client")
			.clientSecret("test-secret")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(aria.tokenEndpoint.url("/token").toString())
			.build();
	}

	static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("latch never opened");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
