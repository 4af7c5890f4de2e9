package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.ClientThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP clients aria-auth builds (token requests, {@code ariaRestClient},
 * {@code ariaWebClient}) end with their context, as devtools restarts and cached test
 * contexts need: after contexts that called through both clients are closed, no thread of
 * theirs is left.
 */
// Left out of mutation testing (parent pom, profile pitest): it waits for the client
// threads of closed contexts to end.
@Tag("slow")
class AriaClientsContextCloseTests {

	// One leaked client keeps its threads alive: a few contexts show a leak as well as
	// many.
	private static final int CONTEXTS = 3;

	private final FakeAria aria = new FakeAria();

	private final ApplicationContextRunner contextRunner = this.aria.clientsRunner();

	@AfterEach
	void closeServers() {
		this.aria.close();
	}

	@Test
	void closedContextsLeaveNoClientThreads() {
		assertClosedContextsLeaveNoClientThreads(this.contextRunner);
	}

	@Test
	void closedContextsLeaveNoClientThreadsWithJdkClientsAndAConnectTimeout() {
		// The JDK keeps a pooled connection's first request reachable when there is a
		// connect timeout.
		assertClosedContextsLeaveNoClientThreads(
				this.contextRunner.withPropertyValues("spring.http.clients.imperative.factory=jdk",
						"spring.http.clients.reactive.connector=jdk", "spring.http.clients.connect-timeout=2s"));
	}

	private void assertClosedContextsLeaveNoClientThreads(ApplicationContextRunner runner) {
		ClientThreads threads = ClientThreads.startCounting();
		for (int i = 0; i < CONTEXTS; i++) {
			runner.run((context) -> {
				for (AriaClient client : AriaClient.values()) {
					// A request with a body first: the JDK holds on to a connection's
					// first request.
					assertThat(client.send(context, "/api/v2/converse", "{\"text\":\"hi\"}", null).status())
						.isEqualTo(200);
					assertThat(client.get(context, "/ping").status()).isEqualTo(200);
				}
			});
		}
		assertThat(this.aria.tokensIssued).hasValue(CONTEXTS);
		threads.awaitAllEnded();
	}

}
