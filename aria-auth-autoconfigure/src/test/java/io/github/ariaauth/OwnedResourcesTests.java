package io.github.ariaauth;

import java.net.Authenticator;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link OwnedResources} and the {@link ReleasableHttpClient} it releases: what
 * the manager built ends with it, what it was given stays open.
 */
class OwnedResourcesTests {

	private static final String CLOSED = "The HTTP client of the Aria token manager is closed";

	@Test
	void ownFetchThreadsAreNamedDaemonsThatHandEachRequestAThreadAtOnceAndEndOnClose() throws Exception {
		OwnedResources resources = new OwnedResources(null, null);
		ThreadPoolExecutor executor = (ThreadPoolExecutor) resources.executor();
		CountDownLatch bothRunning = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		Queue<String> names = new ConcurrentLinkedQueue<>();
		try {
			for (int i = 0; i < 2; i++) {
				executor.execute(() -> {
					Thread thread = Thread.currentThread();
					names.add(thread.getName() + (thread.isDaemon() ? " daemon" : " user"));
					bothRunning.countDown();
					awaitQuietly(release);
				});
			}
			// A queue in front of the threads would hold the second request back.
			assertThat(bothRunning.await(2, TimeUnit.SECONDS)).as("both requests run at once").isTrue();
		}
		finally {
			release.countDown();
		}
		assertThat(names).containsExactlyInAnyOrder("aria-auth-token-1 daemon", "aria-auth-token-2 daemon");
		assertThat(executor.getCorePoolSize()).isZero();
		assertThat(executor.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(30);

		resources.close();

		assertThat(executor.isShutdown()).isTrue();
	}

	@Test
	void givenExecutorIsUsedAndLeftRunningButTheOwnHttpClientIsReleased() {
		ExecutorService given = Executors.newSingleThreadExecutor();
		ReleasableHttpClient client = new ReleasableHttpClient(ReleasableHttpClient.defaultClient());
		try {
			OwnedResources resources = new OwnedResources(given, client);
			assertThat(resources.executor()).isSameAs(given);

			resources.close();

			assertThat(given.isShutdown()).isFalse();
			assertThat(client).hasToString("ReleasableHttpClient[closed]");
		}
		finally {
			given.shutdownNow();
		}
	}

	@Test
	void defaultClientNeverFollowsRedirectsAndHasAConnectTimeout() {
		HttpClient client = ReleasableHttpClient.defaultClient();

		assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
		assertThat(client.connectTimeout()).contains(Duration.ofSeconds(5));
	}

	@Test
	void openClientForwardsToTheRealOne() throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		HttpClient real = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", 3128)))
			.authenticator(new Authenticator() {
			})
			.executor(executor)
			.connectTimeout(Duration.ofSeconds(3))
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		ReleasableHttpClient client = new ReleasableHttpClient(real);

		assertThat(client).hasToString("ReleasableHttpClient[open]");
		assertThat(client.connectTimeout()).isEqualTo(real.connectTimeout());
		assertThat(client.followRedirects()).isEqualTo(real.followRedirects());
		assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
		assertThat(client.cookieHandler()).isEqualTo(real.cookieHandler()).isPresent();
		assertThat(client.proxy()).isEqualTo(real.proxy()).isPresent();
		assertThat(client.authenticator()).isEqualTo(real.authenticator()).isPresent();
		assertThat(client.executor()).contains(executor);
		executor.shutdownNow();
		assertThat(client.sslContext()).isSameAs(real.sslContext());
		assertThat(client.sslParameters().getProtocols()).isEqualTo(real.sslParameters().getProtocols());
		ReleasableHttpClient direct = new ReleasableHttpClient(HttpClient.newHttpClient());
		try (RefusingPort refusing = RefusingPort.open()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + refusing.port() + "/"))
				.build();
			// Refused by the port, not by a closed client.
			assertThatIOException().isThrownBy(() -> direct.send(request, HttpResponse.BodyHandlers.discarding()))
				.satisfies((ex) -> assertThat(ex.getMessage()).isNotEqualTo(CLOSED));
			assertThat(direct.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
				.failsWithin(Duration.ofSeconds(2))
				.withThrowableThat()
				.satisfies((ex) -> assertThat(ex.getCause()).hasMessageNotContaining("Aria token manager is closed"));
			assertThat(direct.sendAsync(request, HttpResponse.BodyHandlers.discarding(), null))
				.failsWithin(Duration.ofSeconds(2))
				.withThrowableThat()
				.satisfies((ex) -> assertThat(ex.getCause()).hasMessageNotContaining("Aria token manager is closed"));
		}
	}

	@Test
	void closedClientRefusesEverythingAndClosesOnce() throws Exception {
		ReleasableHttpClient client = new ReleasableHttpClient(ReleasableHttpClient.defaultClient());
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).build();

		client.close();
		client.close();

		assertThat(client).hasToString("ReleasableHttpClient[closed]");
		assertThatIllegalStateException().isThrownBy(client::connectTimeout).withMessage(CLOSED);
		assertThatIOException().isThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.discarding()))
			.withMessage(CLOSED);
		assertThat(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())).isCompletedExceptionally();
		assertThat(client.sendAsync(request, HttpResponse.BodyHandlers.discarding(), null)).isCompletedExceptionally();
	}

	@Test
	void requestFactorySendsWithThisClientAndItsReadTimeout() {
		ReleasableHttpClient client = new ReleasableHttpClient(ReleasableHttpClient.defaultClient());
		JdkClientHttpRequestFactory factory = (JdkClientHttpRequestFactory) client
			.requestFactory(Duration.ofMillis(1234));

		client.close();

		// Sent with this client, now closed.
		assertThatThrownBy(() -> factory.createRequest(URI.create("http://127.0.0.1:1/"), HttpMethod.GET).execute())
			.hasStackTraceContaining(CLOSED);
		assertThat(ReflectionTestUtils.getField(factory, "readTimeout")).isEqualTo(Duration.ofMillis(1234));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
