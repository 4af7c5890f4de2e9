package io.github.ariaauth;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What {@link AriaTokenManager#close()} ends: the manager's threads and the HTTP client
 * it owns, but not a request factory it was given.
 */
class AriaTokenManagerCloseTests {

	private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	@Test
	void closedManagersLeaveNoHttpClientOrFetchThreadsBehind() {
		ClientThreads threads = ClientThreads.startCounting();
		// Kept reachable on purpose: a closed manager someone still holds must not keep
		// its client alive either.
		List<AriaTokenManager> closed = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
			AriaTokenManager manager = AriaTokenManager.builder(registration()).build();
			manager.getToken();
			manager.close();
			closed.add(manager);
		}
		threads.awaitAllEnded();
		assertThat(closed).hasSize(10);
	}

	@Test
	void httpClientHandedToTheBuilderIsLetGoOfOnClose() {
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		WeakReference<HttpClient> reference = new WeakReference<>(httpClient);
		AriaTokenManager manager = AriaTokenManager.builder(registration())
			.httpClient(httpClient, Duration.ofSeconds(10))
			.build();
		httpClient = null;
		manager.getToken();
		manager.close();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			System.gc();
			return reference.get() == null;
		});
		assertThat(manager.getCachedToken()).as("forgotten on close").isEmpty();
	}

	@Test
	void requestFactoryHandedToTheBuilderIsLeftOpen() throws Exception {
		this.server.enqueue(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600));
		this.server.enqueue(TestTokens.json(200, "{}"));
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(HttpClient.newHttpClient());
		AriaTokenManager manager = AriaTokenManager.builder(registration()).requestFactory(requestFactory).build();
		manager.getToken();
		manager.close();
		URI uri = this.server.url("/still-open").uri();
		try (ClientHttpResponse response = requestFactory.createRequest(uri, HttpMethod.GET).execute()) {
			assertThat(response.getStatusCode().value()).isEqualTo(200);
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void closeEndsATokenRequestInFlightOnVirtualThreadsPromptlyAndLeavesNoThreadBehind() throws Exception {
		this.server.enqueue(
				new MockResponse.Builder(TestTokens.tokenResponse(TestTokens.jwt(START, START.plusSeconds(3600)), 3600))
					.headersDelay(30, TimeUnit.SECONDS)
					.build());
		ClientThreads clientThreads = ClientThreads.startCounting();
		// What spring.threads.virtual.enabled=true gives the token manager: an executor
		// it does not own, so shutting its own down cannot end the request.
		VirtualThreadTaskExecutor virtual = new VirtualThreadTaskExecutor("aria-auth-token-");
		List<Thread> fetchThreads = new CopyOnWriteArrayList<>();
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		AriaTokenManager manager = AriaTokenManager.builder(registration())
			.httpClient(httpClient, Duration.ofSeconds(20))
			.executor((task) -> virtual.execute(() -> {
				fetchThreads.add(Thread.currentThread());
				task.run();
			}))
			.build();
		CompletableFuture<AriaAccessToken> waiting = manager.getTokenAsync();
		assertThat(this.server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();

		long started = System.nanoTime();
		manager.close();
		Duration closing = Duration.ofNanos(System.nanoTime() - started);

		assertThat(closing).isLessThan(Duration.ofMillis(1500));
		assertThat(waiting).failsWithin(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(fetchThreads).isNotEmpty().noneMatch(Thread::isAlive));
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(clientThreads.alive()).isEmpty());
	}

	@Test
	void httpClientThatFollowsRedirectsIsRefused() {
		HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AriaTokenManager.builder(registration()).httpClient(following, Duration.ofSeconds(10)))
			.withMessageContaining("redirects");
	}

	private ClientRegistration registration() {
		return ClientRegistration.withRegistrationId(AriaTokenManager.REGISTRATION_ID)
			.clientId(TestTokens.CLIENT_ID)
			.clientSecret(TestTokens.CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(this.server.url("/token").toString())
			.build();
	}

}
