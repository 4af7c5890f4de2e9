package io.github.ariaauth.faults;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions that no client secret or access token shows in text a user may see.
 */
final class Leaks {

	private Leaks() {
	}

	/**
	 * The exception, its causes and suppressed exceptions, their messages and stack
	 * traces, say nothing secret.
	 */
	static void assertNoSecrets(Throwable failure, Collection<String> tokens) {
		List<String> texts = new ArrayList<>();
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		texts.add(trace.toString());
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		collect(failure, texts, seen);
		assertNoSecrets(texts, tokens);
	}

	static void assertNoSecrets(Collection<String> texts, Collection<String> tokens) {
		for (String text : texts) {
			assertThat(text).doesNotContain(FaultMatrix.CLIENT_SECRET);
			for (String token : tokens) {
				assertThat(text).doesNotContain(token);
				// The payload alone is as telling as the token.
				assertThat(text).doesNotContain(token.split("\\.")[1]);
			}
		}
	}

	private static void collect(Throwable failure, List<String> texts, Set<Throwable> seen) {
		if (failure == null || !seen.add(failure)) {
			return;
		}
		texts.add(String.valueOf(failure));
		texts.add(String.valueOf(failure.getMessage()));
		texts.add(String.valueOf(failure.getLocalizedMessage()));
		collect(failure.getCause(), texts, seen);
		for (Throwable suppressed : failure.getSuppressed()) {
			collect(suppressed, texts, seen);
		}
	}

}
