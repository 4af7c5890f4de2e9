package io.github.ariaauth.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.ariaauth.AriaTokenManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On which threads the clients may be used: the reactive path never blocks, the blocking
 * path works anywhere.
 */
class AriaClientThreadingTests {

	private final FakeAria aria = new FakeAria();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class, AriaWebClientAutoConfiguration.class,
				AriaRestClientAutoConfiguration.class))
		.withPropertyValues(this.aria.properties());

	@AfterEach
	void closeServers() {
		this.aria.close();
	}

	@Test
	void webClientNeverBlocksTheNonBlockingThreadThatSubscribesWhileATokenIsFetched() {
		CountDownLatch gate = new CountDownLatch(1);
		this.aria.tokenGate = gate;
		Scheduler loop = Schedulers.newParallel("one-loop", 1);
		try {
			this.contextRunner.run((context) -> {
				CompletableFuture<AriaClient.Reply> call = AriaClient.WEB_CLIENT.sendAsync(context, "/ping", null, null)
					.subscribeOn(loop)
					.toFuture();
				this.aria.awaitTokenRequestBefore(call);
				// The token request is held; the only thread of the non-blocking
				// scheduler must still be free.
				assertThat(Mono.fromCallable(Schedulers::isInNonBlockingThread)
					.subscribeOn(loop)
					.block(Duration.ofSeconds(5))).isTrue();
				assertThat(call).isNotDone();
				gate.countDown();
				assertThat(call.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
			});
		}
		finally {
			loop.dispose();
		}
	}

	@Test
	void webClientResendAfterUnauthorizedNeverBlocksTheEventLoop() {
		this.aria.apiAnswer = (request) -> "Bearer token-1".equals(request.getHeaders().get("Authorization"))
				? FakeAria.text(401, "expired") : FakeAria.text(200, "ok");
		CountDownLatch gate = new CountDownLatch(1);
		this.contextRunner.withUserConfiguration(SingleEventLoopConfiguration.class).run((context) -> {
			context.getBean(AriaTokenManager.class).getToken();
			this.aria.awaitTokenRequest();
			this.aria.tokenGate = gate;
			CompletableFuture<AriaClient.Reply> call = AriaClient.WEB_CLIENT.sendAsync(context, "/ping", null, null)
				.toFuture();
			this.aria.awaitTokenRequest();
			// The 401 arrived on the client's only event loop and the new token is held:
			// that loop must still
			// carry other exchanges.
			assertThat(AriaClient.WEB_CLIENT.sendAsync(context, "/other", null, "Basic b3duOmhlYWRlcg==")
				.block(Duration.ofSeconds(5))
				.status()).isEqualTo(200);
			assertThat(call).isNotDone();
			gate.countDown();
			assertThat(call.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
		});
	}

	@Test
	void clientsWorkFromAScheduledJobWithoutRequestOrSecurityContext() {
		this.contextRunner.withUserConfiguration(ScheduledJob.class).run((context) -> {
			ScheduledJob job = context.getBean(ScheduledJob.class);
			assertThat(job.done.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(job.result.get()).isEqualTo("ok/ok/no authentication");
			assertThat(FakeAria.take(this.aria.api).getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		});
	}

	@Test
	void restClientWorksFromAPlainThread() throws Exception {
		AtomicReference<AriaClient.Reply> reply = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			Thread thread = new Thread(() -> reply.set(AriaClient.REST_CLIENT.get(context, "/ping")), "plain");
			thread.start();
			thread.join(10_000);
			assertThat(reply.get().status()).isEqualTo(200);
			assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SingleEventLoopConfiguration {

		@Bean(destroyMethod = "dispose")
		LoopResources oneLoop() {
			return LoopResources.create("one-loop", 1, true);
		}

		// As a Boot application would configure its connector; ariaWebClient builds its
		// own from this builder.
		@Bean
		ClientHttpConnectorBuilder<?> clientHttpConnectorBuilder(LoopResources oneLoop) {
			return ClientHttpConnectorBuilder.reactor()
				.withHttpClientFactory(() -> HttpClient.create(ConnectionProvider.newConnection()).runOn(oneLoop));
		}

		@Bean
		WebClient.Builder webClientBuilder() {
			return WebClient.builder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class ScheduledJob {

		final CountDownLatch done = new CountDownLatch(1);

		final AtomicReference<String> result = new AtomicReference<>();

		private final RestClient restClient;

		private final WebClient webClient;

		ScheduledJob(@Qualifier("ariaRestClient") RestClient restClient,
				@Qualifier("ariaWebClient") WebClient webClient) {
			this.restClient = restClient;
			this.webClient = webClient;
		}

		@Scheduled(fixedDelay = 60_000)
		void run() {
			if (this.done.getCount() == 0) {
				return;
			}
			String rest = this.restClient.get().uri("/job").retrieve().body(String.class);
			String web = this.webClient.get()
				.uri("/job")
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(60));
			String security = (SecurityContextHolder.getContext().getAuthentication() == null) ? "no authentication"
					: "authenticated";
			this.result.set(rest + "/" + web + "/" + security);
			this.done.countDown();
		}

	}

}
