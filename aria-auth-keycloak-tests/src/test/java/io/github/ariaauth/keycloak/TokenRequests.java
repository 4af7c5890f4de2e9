package io.github.ariaauth.keycloak;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenListener;

/**
 * Every token request aria-auth made, as its {@link AriaTokenListener} heard them.
 */
final class TokenRequests implements AriaTokenListener {

	private final ConcurrentLinkedQueue<AriaAccessToken> fetched = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<AriaAuthException> failed = new ConcurrentLinkedQueue<>();

	private final AtomicInteger credentialsChanged = new AtomicInteger();

	@Override
	public void tokenFetched(AriaAccessToken token, Duration duration) {
		this.fetched.add(token);
	}

	@Override
	public void tokenFetchFailed(AriaAuthException failure, Duration duration) {
		this.failed.add(failure);
	}

	@Override
	public void credentialsChanged() {
		this.credentialsChanged.incrementAndGet();
	}

	List<AriaAccessToken> fetched() {
		return List.copyOf(this.fetched);
	}

	List<AriaAuthException> failed() {
		return List.copyOf(this.failed);
	}

	/**
	 * How many token requests took new client credentials into use, what the
	 * {@code aria.auth.credentials.reloads} metric counts.
	 */
	int credentialsChanges() {
		return this.credentialsChanged.get();
	}

}
