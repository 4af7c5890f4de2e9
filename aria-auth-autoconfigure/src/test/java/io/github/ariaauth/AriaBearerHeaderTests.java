package io.github.ariaauth;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header value kept for the last token: what a debugger, a heap dump's viewer or a
 * careless log line sees of it.
 */
class AriaBearerHeaderTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	@Test
	void keptHeaderValueShowsNeitherTheTokenNorTheHeaderAsText() {
		AriaBearerHeader header = new AriaBearerHeader();
		AriaAccessToken token = new AriaAccessToken("eyJ.secret-token.value", START, START.plusSeconds(60), Set.of(),
				AriaTokenClaims.NONE);
		assertThat(header.valueFor(token)).isEqualTo("Bearer eyJ.secret-token.value");
		Object kept = ReflectionTestUtils.getField(header, "last");
		assertThat(kept).isNotNull();
		// A record's own text would show the header value, and with it the token.
		assertThat(kept.toString()).doesNotContain("secret-token").contains(token.toString());
	}

}
