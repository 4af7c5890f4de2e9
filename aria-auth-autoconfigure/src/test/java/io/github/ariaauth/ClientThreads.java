package io.github.ariaauth;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The threads of JDK HTTP clients and of aria-auth's token fetches started since a test
 * began, for tests that check that closing what aria-auth built ends them.
 */
public final class ClientThreads {

	private static final Pattern NAME = Pattern
		.compile("HttpClient-\\d+-(SelectorManager|Worker-\\d+)|aria-auth-token-\\d+");

	private final Set<Thread> before;

	private ClientThreads(Set<Thread> before) {
		this.before = before;
	}

	/**
	 * Only threads started from now on are considered, so that other tests' threads do
	 * not count.
	 */
	public static ClientThreads startCounting() {
		return new ClientThreads(Set.copyOf(Thread.getAllStackTraces().keySet()));
	}

	/** The names of such threads started since counting began and still alive. */
	public List<String> alive() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !this.before.contains(thread) && NAME.matcher(thread.getName()).matches())
			.map(Thread::getName)
			.sorted()
			.toList();
	}

	/**
	 * Wait, up to 20 s, until every such thread started since counting began has ended.
	 * Garbage is collected while waiting: on Java 17 a JDK client's selector thread ends
	 * only once the client is unreachable. Released clients end within seconds; 20 s is
	 * below the JDK's 30 s keep-alive on Java 21+, so a client that only its connection
	 * pool's expiry would free still fails the check there.
	 */
	public void awaitAllEnded() {
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			System.gc();
			assertThat(alive()).as("client threads still alive").isEmpty();
		});
	}

}
