package io.github.ariaauth.keycloak;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenListener;

/**
 * Every token request aria-auth made, as its {@link AriaTokenListener} heard them.
 */
final class TokenRequests implements AriaTokenListener {

	private final ConcurrentLinkedQueue<AriaAccessToken> fetched = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<AriaAuthException> failed = new ConcurrentLinkedQueue<>();

	@Override
	public void tokenFetched(AriaAccessToken token, Duration duration) {
		this.fetched.add(token);
	}

	@Override
	public void tokenFetchFailed(AriaAuthException failure, Duration duration) {
		this.failed.add(failure);
	}

	List<AriaAccessToken> fetched() {
		return List.copyOf(this.fetched);
	}

	List<AriaAuthException> failed() {
		return List.copyOf(this.failed);
	}

}
