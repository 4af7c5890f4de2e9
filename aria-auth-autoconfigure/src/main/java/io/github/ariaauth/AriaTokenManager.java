package io.github.ariaauth;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

/**
 * Keeps one valid Aria access token for the whole application and hands it to every caller.
 * <p>
 * The token is fetched with Spring Security's client-credentials support, then:
 * <ul>
 * <li>shared by all callers, blocking and reactive, whatever thread or user they run as;</li>
 * <li>fetched once however many callers ask at the same time (single flight);</li>
 * <li>refreshed in the background once its remaining lifetime enters the refresh window (at a jittered
 * moment), while callers keep using it;</li>
 * <li>never handed out within the expiry margin of its end: callers then wait, up to the acquire
 * timeout, for the fetch in flight;</li>
 * <li>kept in use while refreshes fail, with retries spaced by a jittered exponential backoff; without a
 * valid token, callers get the last {@link AriaAuthException} until the next attempt is due.</li>
 * </ul>
 * When the cached token is valid, {@link #getToken()} is a volatile read and a clock comparison.
 * <p>
 * Besides the token, it hands out the {@link ClientRegistration} (id {@value #REGISTRATION_ID}) and
 * Spring Security authorized-client managers backed by this cache, for use with Spring Security's own
 * tooling. None of these are registered as beans, so the host application's security is untouched.
 */
public class AriaTokenManager implements AutoCloseable {

	/** The registration id under which the token is offered to Spring Security. */
	public static final String REGISTRATION_ID = "aria";

	private static final Log logger = LogFactory.getLog(AriaTokenManager.class);

	private final ClientRegistration registration;

	private final TokenEndpointClient endpoint;

	private final Clock clock;

	private final Executor executor;

	private final @Nullable ExecutorService ownedExecutor;

	private final @Nullable ReleasableHttpClient ownedHttpClient;

	private final Duration refreshWindow;

	private final Duration expiryMargin;

	private final Duration acquireTimeout;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final List<AriaTokenListener> listeners;

	private final AtomicReference<@Nullable CachedToken> cached = new AtomicReference<>();

	private final AtomicReference<@Nullable CompletableFuture<AriaAccessToken>> inFlight = new AtomicReference<>();

	private volatile long nextAttemptAtMillis;

	private volatile @Nullable AriaAuthException lastFailure;

	// Written only by the fetch in flight, and there is at most one.
	private int consecutiveFailures;

	private AriaTokenManager(Builder builder) {
		this.registration = builder.registration;
		this.clock = builder.clock;
		this.refreshWindow = builder.refreshWindow;
		this.expiryMargin = builder.expiryMargin;
		this.acquireTimeout = builder.acquireTimeout;
		this.initialBackoff = builder.initialBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.listeners = List.copyOf(builder.listeners);
		this.ownedHttpClient = (builder.requestFactory != null) ? null
				: new ReleasableHttpClient((builder.httpClient != null) ? builder.httpClient : defaultHttpClient());
		ClientHttpRequestFactory requestFactory = (this.ownedHttpClient != null)
				? requestFactory(this.ownedHttpClient, builder.readTimeout) : builder.requestFactory;
		this.endpoint = new TokenEndpointClient(this.registration, requestFactory, this.clock,
				builder.defaultLifetime);
		if (builder.executor != null) {
			this.executor = builder.executor;
			this.ownedExecutor = null;
		}
		else {
			this.ownedExecutor = Executors.newCachedThreadPool(new FetchThreadFactory());
			this.executor = this.ownedExecutor;
		}
	}

	/**
	 * Start building a manager for a client-credentials registration.
	 * @param registration the registration (grant {@code client_credentials})
	 * @return a builder
	 */
	public static Builder builder(ClientRegistration registration) {
		return new Builder(registration);
	}

	/**
	 * Return a valid token, waiting for a fetch when none is cached. Don't call this on an event-loop
	 * thread; use {@link #getTokenMono()} there.
	 * @return a token that is valid for at least the expiry margin
	 * @throws AriaAuthException if no token could be obtained within the acquire timeout
	 */
	public AriaAccessToken getToken() {
		long now = this.clock.millis();
		AriaAccessToken token = usableToken(now);
		return (token != null) ? token : await(acquire(now));
	}

	/**
	 * Return a valid token without blocking the caller.
	 * @return a future of the token; completed already when one is cached
	 */
	public CompletableFuture<AriaAccessToken> getTokenAsync() {
		long now = this.clock.millis();
		AriaAccessToken token = usableToken(now);
		if (token != null) {
			return CompletableFuture.completedFuture(token);
		}
		// A copy, so that a caller completing or cancelling it cannot disturb the other waiters.
		return acquire(now).copy()
			.completeOnTimeout(null, this.acquireTimeout.toMillis(), TimeUnit.MILLISECONDS)
			.thenCompose((result) -> (result != null) ? CompletableFuture.completedFuture(result)
					: CompletableFuture.failedFuture(acquireTimeoutException()));
	}

	/**
	 * Return a valid token for reactive pipelines; the fetch itself never runs on the subscriber's thread.
	 * @return a {@link Mono} of the token, failing with {@link AriaAuthException} (also after the acquire
	 * timeout)
	 */
	public Mono<AriaAccessToken> getTokenMono() {
		return Mono.defer(() -> {
			long now = this.clock.millis();
			AriaAccessToken token = usableToken(now);
			if (token != null) {
				return Mono.just(token);
			}
			return Mono.fromFuture(acquire(now), true)
				.timeout(this.acquireTimeout, Mono.error(this::acquireTimeoutException));
		});
	}

	/**
	 * Return the cached token if it may be sent now, without waiting or fetching (a background refresh still
	 * starts when one is due). This is the allocation-free fast path the clients try before
	 * {@link #getTokenMono()}.
	 * @return the token, or {@code null} when a caller would have to wait for one
	 */
	public @Nullable AriaAccessToken getTokenIfAvailable() {
		return usableToken(this.clock.millis());
	}

	/**
	 * Return the claims of the current token, fetching one if needed.
	 * @return the decoded, unverified claims (see {@link AriaTokenClaims})
	 */
	public AriaTokenClaims getClaims() {
		return getToken().claims();
	}

	/**
	 * Return the cached token while it has not expired, without fetching.
	 * @return the cached token, if any
	 */
	public Optional<AriaAccessToken> getCachedToken() {
		CachedToken current = this.cached.get();
		if (current == null || this.clock.millis() >= current.expiresAtMillis) {
			return Optional.empty();
		}
		return Optional.of(current.token);
	}

	/**
	 * Return the failure of the last token request, if the last request failed.
	 * @return the last failure, cleared by the next successful fetch
	 */
	public Optional<AriaAuthException> getLastFailure() {
		return Optional.ofNullable(this.lastFailure);
	}

	/**
	 * Stop using a token that Aria rejected, so that the next caller fetches a new one. Only the given
	 * token is dropped: when many requests report the same rejected token, one new token is fetched.
	 * @param token the token that was rejected
	 * @return whether it was the cached token and is now dropped
	 */
	public boolean invalidate(AriaAccessToken token) {
		CachedToken current = this.cached.get();
		if (current == null || !current.token.tokenValue().equals(token.tokenValue())) {
			return false;
		}
		boolean dropped = this.cached.compareAndSet(current, null);
		if (dropped) {
			if (logger.isDebugEnabled()) {
				logger.debug("Dropped the Aria token for client_no " + token.claims().clientNo()
						+ " that the API rejected; the next request fetches a new one");
			}
			this.listeners.forEach((listener) -> listener.tokenInvalidated(current.token));
		}
		return dropped;
	}

	/**
	 * Forget the cached token, the last failure and every backoff, as if the manager had just been built.
	 * For test support only (aria-auth-test calls it before each test method so that tests sharing an
	 * application context do not see each other's tokens or failures); production code has no reason to
	 * call it.
	 */
	public void resetForTesting() {
		this.cached.set(null);
		this.lastFailure = null;
		this.nextAttemptAtMillis = 0;
		this.consecutiveFailures = 0;
	}

	/**
	 * Return the token endpoint in use.
	 * @return the token endpoint
	 */
	public URI getTokenUri() {
		return this.endpoint.endpoint();
	}

	/**
	 * Return the Spring Security registration (id {@value #REGISTRATION_ID}) the tokens are fetched for.
	 * Never log it: {@link ClientRegistration#toString()} prints the client secret.
	 * @return the registration
	 */
	public ClientRegistration getClientRegistration() {
		return this.registration;
	}

	/**
	 * Return a Spring Security {@link OAuth2AuthorizedClientManager} backed by this manager's token, for
	 * registration id {@value #REGISTRATION_ID}; it authorizes nothing else.
	 * @return the manager
	 */
	public OAuth2AuthorizedClientManager authorizedClientManager() {
		return (request) -> supports(request) ? authorizedClient(getToken(), request) : null;
	}

	/**
	 * Return a Spring Security {@link ReactiveOAuth2AuthorizedClientManager} backed by this manager's token,
	 * for registration id {@value #REGISTRATION_ID}; it authorizes nothing else.
	 * @return the reactive manager
	 */
	public ReactiveOAuth2AuthorizedClientManager reactiveAuthorizedClientManager() {
		return (request) -> supports(request) ? getTokenMono().map((token) -> authorizedClient(token, request))
				: Mono.empty();
	}

	/**
	 * Stop fetching: the manager's own fetch threads end, and the HTTP client it built or was given with
	 * {@link Builder#httpClient(HttpClient, Duration)} is closed (Java 21 and later) and let go of. A request
	 * factory given with {@link Builder#requestFactory(ClientHttpRequestFactory)} is left open: it belongs to the
	 * caller.
	 */
	@Override
	public void close() {
		if (this.ownedExecutor != null) {
			// First, so that a fetch in flight is interrupted and the client's close need not wait for it.
			this.ownedExecutor.shutdownNow();
		}
		if (this.ownedHttpClient != null) {
			this.ownedHttpClient.close();
		}
	}

	@Override
	public String toString() {
		return "AriaTokenManager[registrationId=" + REGISTRATION_ID + ", clientId="
				+ this.registration.getClientId() + ", tokenUri=" + getTokenUri() + "]";
	}

	private @Nullable AriaAccessToken usableToken(long now) {
		CachedToken current = this.cached.get();
		if (current == null || now >= current.usableUntilMillis) {
			return null;
		}
		if (now >= current.refreshAtMillis && now >= this.nextAttemptAtMillis && this.inFlight.get() == null) {
			startFetch(current);
		}
		return current.token;
	}

	private CompletableFuture<AriaAccessToken> acquire(long now) {
		CompletableFuture<AriaAccessToken> running = this.inFlight.get();
		if (running != null) {
			return running;
		}
		AriaAuthException failure = this.lastFailure;
		if (failure != null && now < this.nextAttemptAtMillis) {
			return CompletableFuture.failedFuture(failure);
		}
		return startFetch(this.cached.get());
	}

	/**
	 * Start a fetch unless one is in flight. {@code basis} is the cached token the caller judged; if another
	 * fetch replaced it with a usable token in the meantime, that token is the answer and no request is made.
	 */
	private CompletableFuture<AriaAccessToken> startFetch(@Nullable CachedToken basis) {
		CompletableFuture<AriaAccessToken> fetch = new CompletableFuture<>();
		while (!this.inFlight.compareAndSet(null, fetch)) {
			CompletableFuture<AriaAccessToken> running = this.inFlight.get();
			if (running != null) {
				return running;
			}
		}
		CachedToken current = this.cached.get();
		if (current != basis && current != null && this.clock.millis() < current.refreshAtMillis) {
			this.inFlight.set(null);
			fetch.complete(current.token);
			return fetch;
		}
		try {
			this.executor.execute(() -> runFetch(fetch));
		}
		catch (RejectedExecutionException ex) {
			this.inFlight.set(null);
			fetch.completeExceptionally(new AriaAuthException(getTokenUri(), null, "closed",
					"the token manager is shut down", "The application is stopping.", null, null));
		}
		return fetch;
	}

	private void runFetch(CompletableFuture<AriaAccessToken> fetch) {
		long started = this.clock.millis();
		try {
			AriaAccessToken token = this.endpoint.fetch();
			this.cached.set(schedule(token));
			this.consecutiveFailures = 0;
			this.lastFailure = null;
			this.nextAttemptAtMillis = 0;
			Duration took = Duration.ofMillis(this.clock.millis() - started);
			if (logger.isDebugEnabled()) {
				logger.debug("Fetched an Aria token for client_no " + token.claims().clientNo() + " in "
						+ took.toMillis() + " ms; it expires at " + token.expiresAt());
			}
			this.listeners.forEach((listener) -> listener.tokenFetched(token, took));
			this.inFlight.set(null);
			fetch.complete(token);
		}
		catch (Throwable ex) {
			// Whatever happened, the waiters must hear of it and the next caller must be able to fetch again.
			AriaAuthException failure = (ex instanceof AriaAuthException aria) ? aria : unexpected(ex);
			recordFailure(failure);
			Duration took = Duration.ofMillis(this.clock.millis() - started);
			this.listeners.forEach((listener) -> listener.tokenFetchFailed(failure, took));
			this.inFlight.set(null);
			fetch.completeExceptionally(failure);
		}
	}

	private CachedToken schedule(AriaAccessToken token) {
		long issued = token.issuedAt().toEpochMilli();
		long expires = token.expiresAt().toEpochMilli();
		long lifetime = Math.max(0, expires - issued);
		long margin = Math.min(this.expiryMargin.toMillis(), lifetime / 10);
		long window = Math.max(margin, Math.min(this.refreshWindow.toMillis(), lifetime / 2));
		// Jitter within the first half of the window so that instances started together refresh apart.
		long jitterSpan = (window - margin) / 2;
		long jitter = (jitterSpan > 0) ? ThreadLocalRandom.current().nextLong(jitterSpan + 1) : 0;
		return new CachedToken(token, expires - window + jitter, expires - margin, expires);
	}

	private void recordFailure(AriaAuthException failure) {
		this.consecutiveFailures++;
		long ceiling = this.maxBackoff.toMillis();
		int doublings = Math.min(this.consecutiveFailures - 1, 30);
		long backoff = Math.min(ceiling, this.initialBackoff.toMillis() << doublings);
		long delay = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
		Duration retryAfter = failure.getRetryAfter();
		if (retryAfter != null) {
			delay = Math.max(delay, Math.min(retryAfter.toMillis(), ceiling));
		}
		this.nextAttemptAtMillis = this.clock.millis() + delay;
		this.lastFailure = failure;
		if (logger.isWarnEnabled()) {
			CachedToken current = this.cached.get();
			String serving = (current != null && this.clock.millis() < current.usableUntilMillis)
					? "still using the current token, valid until " + current.token.expiresAt()
					: "no valid token is held";
			logger.warn(failure.getMessage() + " (" + this.consecutiveFailures + " failure(s) in a row; " + serving
					+ "; next attempt in " + delay + " ms)");
		}
	}

	private AriaAuthException unexpected(Throwable ex) {
		return new AriaAuthException(getTokenUri(), null, "unexpected_error", ex.getClass().getName(),
				"This is likely a bug in aria-auth; please report it.", null, null);
	}

	private AriaAccessToken await(CompletableFuture<AriaAccessToken> fetch) {
		try {
			return fetch.get(this.acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof AriaAuthException aria) ? aria
					: unexpected(new IllegalStateException(ex.getCause()));
		}
		catch (TimeoutException ex) {
			throw acquireTimeoutException();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AriaAuthException(getTokenUri(), null, "interrupted", "interrupted while waiting for a token",
					"The calling thread was interrupted.", null, null);
		}
	}

	private AriaAuthException acquireTimeoutException() {
		return new AriaAuthException(getTokenUri(), null, "timeout",
				"no token within the acquire timeout of " + this.acquireTimeout,
				"Check that the token endpoint answers, or raise aria.auth.token.acquire-timeout.", null, null);
	}

	private boolean supports(OAuth2AuthorizeRequest request) {
		return REGISTRATION_ID.equals(request.getClientRegistrationId());
	}

	private OAuth2AuthorizedClient authorizedClient(AriaAccessToken token, OAuth2AuthorizeRequest request) {
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token.tokenValue(),
				token.issuedAt(), token.expiresAt(), token.scopes());
		return new OAuth2AuthorizedClient(this.registration, request.getPrincipal().getName(), accessToken);
	}

	private static HttpClient defaultHttpClient() {
		// Redirects are never followed: a token request carries the client secret.
		return HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	private static ClientHttpRequestFactory requestFactory(ReleasableHttpClient httpClient, Duration readTimeout) {
		// Spring's requests hold the client they are sent with; see ReleasableHttpClient for why that is ours.
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient);
		factory.setReadTimeout(readTimeout);
		return factory;
	}

	private record CachedToken(AriaAccessToken token, long refreshAtMillis, long usableUntilMillis,
			long expiresAtMillis) {

		@Override
		public String toString() {
			return this.token.toString();
		}

	}

	private static final class FetchThreadFactory implements java.util.concurrent.ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "aria-auth-token-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

	/**
	 * Builds an {@link AriaTokenManager}; every setting has the default that the auto-configuration uses.
	 */
	public static final class Builder {

		private final ClientRegistration registration;

		private @Nullable ClientHttpRequestFactory requestFactory;

		private @Nullable HttpClient httpClient;

		private Duration readTimeout = Duration.ofSeconds(10);

		private Clock clock = Clock.systemUTC();

		private @Nullable Executor executor;

		private Duration refreshWindow = Duration.ofMinutes(5);

		private Duration expiryMargin = Duration.ofSeconds(30);

		private Duration defaultLifetime = Duration.ofMinutes(5);

		private Duration acquireTimeout = Duration.ofSeconds(30);

		private Duration initialBackoff = Duration.ofSeconds(1);

		private Duration maxBackoff = Duration.ofMinutes(2);

		private final List<AriaTokenListener> listeners = new ArrayList<>();

		private Builder(ClientRegistration registration) {
			Assert.notNull(registration, "registration must not be null");
			this.registration = registration;
		}

		/**
		 * Use this factory for token requests; it should have connect and read timeouts and must not
		 * follow redirects. The manager never closes it. Defaults to a JDK client of the manager's own, with
		 * 5 s / 10 s timeouts, that it closes when it is closed.
		 * @param requestFactory the request factory
		 * @return this builder
		 * @see #httpClient(HttpClient, Duration)
		 */
		public Builder requestFactory(ClientHttpRequestFactory requestFactory) {
			this.requestFactory = requestFactory;
			this.httpClient = null;
			return this;
		}

		/**
		 * Send token requests with this JDK client and read timeout, and hand the client over to the manager:
		 * {@link AriaTokenManager#close()} closes it (Java 21 and later) and lets go of it, so that its
		 * threads end with the manager. The client should have a connect timeout; it must not follow
		 * redirects.
		 * @param httpClient the client, used by this manager only
		 * @param readTimeout the read timeout of token requests
		 * @return this builder
		 */
		public Builder httpClient(HttpClient httpClient, Duration readTimeout) {
			Assert.notNull(httpClient, "httpClient must not be null");
			// A token request carries the client secret, which a followed redirect could take to another host.
			Assert.isTrue(httpClient.followRedirects() == HttpClient.Redirect.NEVER,
					"httpClient must not follow redirects");
			this.readTimeout = positive(readTimeout, "readTimeout");
			this.httpClient = httpClient;
			this.requestFactory = null;
			return this;
		}

		/**
		 * Tell time with this clock (tests move it instead of sleeping).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Run token requests on this executor instead of the manager's own daemon threads.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(Executor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * Refresh in the background once this much lifetime is left (capped at half the lifetime).
		 * @param refreshWindow the refresh window
		 * @return this builder
		 */
		public Builder refreshWindow(Duration refreshWindow) {
			this.refreshWindow = positive(refreshWindow, "refreshWindow");
			return this;
		}

		/**
		 * Never hand out a token with less lifetime than this left (capped at a tenth of the lifetime).
		 * @param expiryMargin the expiry margin
		 * @return this builder
		 */
		public Builder expiryMargin(Duration expiryMargin) {
			Assert.isTrue(!expiryMargin.isNegative(), "expiryMargin must not be negative");
			this.expiryMargin = expiryMargin;
			return this;
		}

		/**
		 * Assume this lifetime when the response has no {@code expires_in} and the token no {@code exp}.
		 * @param defaultLifetime the default lifetime
		 * @return this builder
		 */
		public Builder defaultLifetime(Duration defaultLifetime) {
			this.defaultLifetime = positive(defaultLifetime, "defaultLifetime");
			return this;
		}

		/**
		 * Give up waiting for a token after this long.
		 * @param acquireTimeout the acquire timeout
		 * @return this builder
		 */
		public Builder acquireTimeout(Duration acquireTimeout) {
			this.acquireTimeout = positive(acquireTimeout, "acquireTimeout");
			return this;
		}

		/**
		 * Space failed attempts by a backoff starting here and doubling up to {@code max}, each jittered.
		 * @param initial the first backoff
		 * @param max the largest backoff
		 * @return this builder
		 */
		public Builder backoff(Duration initial, Duration max) {
			this.initialBackoff = positive(initial, "initial backoff");
			this.maxBackoff = positive(max, "max backoff");
			Assert.isTrue(max.compareTo(initial) >= 0, "max backoff must not be less than the initial backoff");
			return this;
		}

		/**
		 * Tell this listener about fetches, failures and invalidations.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(AriaTokenListener listener) {
			Assert.notNull(listener, "listener must not be null");
			this.listeners.add(listener);
			return this;
		}

		/**
		 * Build the manager. No network I/O happens until the first token is asked for.
		 * @return the manager
		 */
		public AriaTokenManager build() {
			return new AriaTokenManager(this);
		}

		private static Duration positive(Duration value, String name) {
			Assert.isTrue(value != null && !value.isNegative() && !value.isZero(), name + " must be positive");
			return value;
		}

	}

}
