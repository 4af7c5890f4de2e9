package io.github.ariaauth.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaTokenListener;
import io.github.ariaauth.AriaTokenManager;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.VirtualThreadTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code spring.threads.virtual.enabled=true}, token requests run on virtual threads
 * and nothing on their way pins a carrier thread, judged by the JDK's own
 * {@code jdk.VirtualThreadPinned} events.
 */
class AriaAuthVirtualThreadsTests {

	private static final String PINNED = "jdk.VirtualThreadPinned";

	private final FakeAria aria = new FakeAria();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class, AriaRestClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				RestClientAutoConfiguration.class))
		.withUserConfiguration(FetchThreads.class)
		.withPropertyValues(this.aria.properties())
		.withPropertyValues("spring.threads.virtual.enabled=true");

	@TempDir
	private Path recordings;

	@AfterEach
	void closeServers() {
		this.aria.close();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21")
	void tokenIsFetchedOnAVirtualThreadThatPinsNoCarrier() {
		this.contextRunner.run((context) -> {
			VirtualThreadTaskExecutor callers = new VirtualThreadTaskExecutor("caller-");
			// The first round loads the classes on the way: a virtual thread that meets a
			// class another thread is
			// still loading or initializing is pinned meanwhile, whatever the class, once
			// per class and JVM.
			askConcurrentlyWhileTheTokenEndpointHoldsItsAnswer(context, callers);
			AriaTokenManager manager = context.getBean(AriaTokenManager.class);
			AriaAccessToken first = manager.getToken();
			List<RecordedEvent> pinned = recordPinning(() -> {
				// As after a 401: the token is dropped and the next callers wait for a
				// new one.
				manager.invalidate(first);
				askConcurrentlyWhileTheTokenEndpointHoldsItsAnswer(context, callers);
			});
			assertThat(manager.getToken().tokenValue()).isEqualTo("token-2");
			FetchThreads fetchThreads = context.getBean(FetchThreads.class);
			// Listeners hear of a fetch after its callers got the token.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fetchThreads.threads).hasSize(2));
			assertThat(fetchThreads.threads).doesNotHaveDuplicates()
				.allMatch((thread) -> thread.matches("aria-auth-token-\\d+ \\(virtual\\)"));
			assertThat(pinned).as("pinned virtual threads on the token path: %s", pinned).isEmpty();
		});
	}

	/**
	 * Twenty virtual threads call {@code ariaRestClient} while the token endpoint holds
	 * its answer, so the fetch thread blocks in I/O while the callers block on the fetch.
	 */
	private void askConcurrentlyWhileTheTokenEndpointHoldsItsAnswer(ApplicationContext context,
			VirtualThreadTaskExecutor callers) throws Exception {
		CountDownLatch answer = new CountDownLatch(1);
		this.aria.tokenGate = answer;
		List<CompletableFuture<AriaClient.Reply>> replies = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			replies.add(callers.submitCompletable(() -> AriaClient.REST_CLIENT.get(context, "/ping")));
		}
		this.aria.awaitTokenRequest();
		answer.countDown();
		for (CompletableFuture<AriaClient.Reply> reply : replies) {
			assertThat(reply.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21")
	void pinningIsRecordedWhereItHappens() throws Exception {
		// Blocking inside a class initializer still pins on every JDK: proof that an
		// empty recording means something.
		VirtualThreadTaskExecutor threads = new VirtualThreadTaskExecutor("aria-auth-token-probe-");
		List<RecordedEvent> pinned = recordPinning(
				() -> threads.submitCompletable(ParksWhileInitialized::load).get(10, TimeUnit.SECONDS));
		assertThat(pinned).hasSize(1);
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20, disabledReason = "checks the platform threads used before Java 21")
	void tokenIsFetchedOnAPlatformThreadBeforeJava21() {
		this.contextRunner.run((context) -> {
			context.getBean(AriaTokenManager.class).getToken();
			FetchThreads fetchThreads = context.getBean(FetchThreads.class);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fetchThreads.threads).hasSize(1));
			assertThat(fetchThreads.threads).singleElement().asString().matches("aria-auth-token-\\d+ \\(platform\\)");
		});
	}

	/**
	 * Run the action while the JDK records each time a virtual thread of the token path
	 * ({@code aria-auth-token-*} or {@code caller-*}) blocks without releasing its
	 * carrier.
	 */
	private List<RecordedEvent> recordPinning(Action action) throws Exception {
		Path file = Files.createTempFile(this.recordings, "pinning", ".jfr");
		try (Recording recording = new Recording()) {
			recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
			recording.start();
			action.run();
			recording.stop();
			recording.dump(file);
		}
		return RecordingFile.readAllEvents(file)
			.stream()
			.filter((event) -> PINNED.equals(event.getEventType().getName()))
			.filter((event) -> event.getThread() != null
					&& (event.getThread().getJavaName().startsWith("aria-auth-token-")
							|| event.getThread().getJavaName().startsWith("caller-")))
			.toList();
	}

	private static boolean isVirtual(Thread thread) {
		try {
			// Thread.isVirtual() is Java 21 API; the tests compile for Java 17.
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class FetchThreads implements AriaTokenListener {

		/** The thread of each fetch, such as {@code aria-auth-token-0 (virtual)}. */
		final List<String> threads = new CopyOnWriteArrayList<>();

		// Listeners are told on the thread that made the request.
		@Override
		public void tokenFetched(AriaAccessToken token, Duration duration) {
			Thread thread = Thread.currentThread();
			this.threads.add(thread.getName() + (isVirtual(thread) ? " (virtual)" : " (platform)"));
		}

	}

	@FunctionalInterface
	private interface Action {

		void run() throws Exception;

	}

	static final class ParksWhileInitialized {

		static {
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}

		static boolean load() {
			return true;
		}

	}

}
