package io.github.ariaauth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AriaBearerProtocol}: the header and the 401 protocol over a token
 * manager.
 */
class AriaBearerProtocolTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint();

	private final ManualExecutor executor = new ManualExecutor();

	private final AriaTokenManager manager = InMemoryManagers.builder(this.endpoint, this.executor, this.clock).build();

	private final AriaBearerProtocol protocol = new AriaBearerProtocol(this.manager);

	@Test
	void needsATokenManager() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AriaBearerProtocol(null))
			.withMessage("tokenManager must not be null");
	}

	@Test
	void headerCarriesTheTokenAndIsBuiltOncePerToken() {
		AriaAccessToken token = fetch();

		String header = this.protocol.headerValue(token);

		assertThat(header).isEqualTo("Bearer " + token.tokenValue());
		assertThat(this.protocol.headerValue(token)).isSameAs(header);
	}

	@Test
	void rejectedTokenIsDroppedAndOnlyAnotherTokenIsWorthResending() {
		AriaAccessToken sent = fetch();

		this.protocol.rejected(sent);

		assertThat(this.manager.getCachedToken()).isEmpty();
		AriaAccessToken fresh = fetch();
		assertThat(this.protocol.worthResending(sent, fresh)).isTrue();
		assertThat(this.protocol.worthResending(fresh, fresh)).isFalse();
	}

	@Test
	void newTokenRejectedTooKeepsTheNextRejectedTokenForAWhile() {
		AriaAccessToken fresh = fetch();

		this.protocol.resendAnswered(fresh, true);
		this.protocol.rejected(fresh);

		assertThat(this.manager.getCachedToken()).as("401s paused").contains(fresh);
		this.clock.advance(Duration.ofSeconds(1));
		this.protocol.rejected(fresh);
		assertThat(this.manager.getCachedToken()).isEmpty();
	}

	private AriaAccessToken fetch() {
		this.endpoint.token(this.clock.instant(), 3600);
		CompletableFuture<AriaAccessToken> token = this.manager.getTokenAsync();
		this.executor.runAll();
		return token.join();
	}

}
