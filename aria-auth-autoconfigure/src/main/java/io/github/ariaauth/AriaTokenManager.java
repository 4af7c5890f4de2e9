package io.github.ariaauth;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.ariaauth.observation.AriaTokenRequestObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
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
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

/**
 * Keeps one valid Aria access token for the whole application and hands it to every
 * caller.
 * <p>
 * The token is fetched with Spring Security's client-credentials support, then:
 * <ul>
 * <li>shared by all callers, blocking and reactive, whatever thread or user they run
 * as;</li>
 * <li>fetched once however many callers ask at the same time (single flight);</li>
 * <li>refreshed in the background once its remaining lifetime enters the refresh window
 * (at a jittered moment), while callers keep using it;</li>
 * <li>never handed out within the expiry margin of its end: callers then wait, up to the
 * acquire timeout, for the fetch in flight;</li>
 * <li>kept in use while refreshes fail, with retries spaced by a jittered exponential
 * backoff; without a valid token, callers get the last {@link AriaAuthException} until
 * the next attempt is due.</li>
 * </ul>
 * When the cached token is valid, {@link #getToken()} is a volatile read and a clock
 * comparison.
 * <p>
 * Besides the token, it hands out the {@link ClientRegistration} (id
 * {@value #REGISTRATION_ID}) and Spring Security authorized-client managers backed by
 * this cache, for use with Spring Security's own tooling. None of these are registered as
 * beans, so the host application's security is untouched.
 *
 * @since 0.1.0
 */
public class AriaTokenManager implements AutoCloseable {

	/**
	 * The registration id of the auto-configured manager, under which Spring Security
	 * sees its token.
	 */
	public static final String REGISTRATION_ID = "aria";

	private static final Log logger = LogFactory.getLog(AriaTokenManager.class);

	private final ClientRegistration registration;

	private final TokenEndpointClient endpoint;

	private final TokenRequestObservations observations;

	private final Clock clock;

	private final Executor executor;

	private final @Nullable ExecutorService ownedExecutor;

	private final @Nullable ReleasableHttpClient ownedHttpClient;

	private final TokenTiming timing;

	private final Duration acquireTimeout;

	private final List<AriaTokenListener> listeners;

	private final Set<AriaTokenListener> failedListeners = ConcurrentHashMap.newKeySet();

	private final AtomicReference<@Nullable CachedToken> cached = new AtomicReference<>();

	private final AtomicReference<@Nullable Fetch> inFlight = new AtomicReference<>();

	// Gates for the next attempt after a failure: one while a usable token is held, one
	// once none is.
	private volatile long refreshRetryAtMillis;

	private volatile long retryWithoutTokenAtMillis;

	private volatile @Nullable AriaAuthException lastFailure;

	// Written only by whoever settles the fetch in flight, and there is at most one.
	private volatile int consecutiveFailures;

	private final AtomicInteger consecutiveRejections = new AtomicInteger();

	private final AtomicReference<@Nullable String> lastRejectedToken = new AtomicReference<>();

	private volatile long invalidationPausedUntilMillis;

	// Bumped by resetForTesting(), so that a fetch started before cannot fill the cache
	// after.
	private volatile int generation;

	private volatile boolean closed;

	private AriaTokenManager(Builder builder) {
		this.registration = builder.registration;
		this.clock = builder.clock;
		this.acquireTimeout = builder.acquireTimeout;
		this.timing = new TokenTiming(builder.refreshWindow, builder.expiryMargin, builder.initialBackoff,
				builder.maxBackoff, builder.maxBackoffWithoutToken, TokenTiming.Jitter.RANDOM);
		this.listeners = List.copyOf(builder.listeners);
		ClientHttpRequestFactory requestFactory = builder.requestFactory;
		if (requestFactory != null) {
			this.ownedHttpClient = null;
		}
		else {
			this.ownedHttpClient = new ReleasableHttpClient(
					(builder.httpClient != null) ? builder.httpClient : defaultHttpClient());
			requestFactory = requestFactory(this.ownedHttpClient, builder.readTimeout);
		}
		this.endpoint = new TokenEndpointClient(this.registration, requestFactory, this.clock, builder.defaultLifetime,
				builder.observationRegistry);
		this.observations = new TokenRequestObservations(builder.observationRegistry, builder.observationConvention,
				this.registration.getRegistrationId(), this.endpoint.endpoint());
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
	 * Return a valid token, waiting for a fetch when none is cached. Don't call this on
	 * an event-loop thread; use {@link #getTokenMono()} there.
	 * @return a token that is valid for at least the expiry margin
	 * @throws AriaAuthException if no token could be obtained within the acquire timeout
	 */
	public AriaAccessToken getToken() {
		CachedToken current = this.cached.get();
		long now = this.clock.millis();
		AriaAccessToken token = usableToken(current, now);
		return (token != null) ? token : await(acquire(current, now));
	}

	/**
	 * Return a valid token without blocking the caller.
	 * @return a future of the token; completed already when one is cached
	 */
	public CompletableFuture<AriaAccessToken> getTokenAsync() {
		CachedToken current = this.cached.get();
		long now = this.clock.millis();
		AriaAccessToken token = usableToken(current, now);
		if (token != null) {
			return CompletableFuture.completedFuture(token);
		}
		// A future of the caller's own, so that completing or cancelling it cannot
		// disturb the other waiters.
		CompletableFuture<@Nullable AriaAccessToken> result = new CompletableFuture<>();
		acquire(current, now).whenComplete((fetched, ex) -> {
			if (ex != null) {
				result.completeExceptionally(forCaller(ex));
			}
			else {
				result.complete(fetched);
			}
		});
		return result.completeOnTimeout(null, this.acquireTimeout.toMillis(), TimeUnit.MILLISECONDS)
			.thenCompose((fetched) -> (fetched != null) ? CompletableFuture.completedFuture(fetched)
					: CompletableFuture.failedFuture(acquireTimeoutException()));
	}

	/**
	 * Return a valid token for reactive pipelines; the fetch itself never runs on the
	 * subscriber's thread.
	 * @return a {@link Mono} of the token, failing with {@link AriaAuthException} (also
	 * after the acquire timeout)
	 */
	public Mono<AriaAccessToken> getTokenMono() {
		return Mono.defer(() -> {
			CachedToken current = this.cached.get();
			long now = this.clock.millis();
			AriaAccessToken token = usableToken(current, now);
			if (token != null) {
				return Mono.just(token);
			}
			return Mono.fromFuture(acquire(current, now), true)
				.onErrorMap(AriaTokenManager::forCaller)
				.timeout(this.acquireTimeout, Mono.error(this::acquireTimeoutException));
		});
	}

	/**
	 * Return the cached token if it may be sent now, without waiting or fetching (a
	 * background refresh still starts when one is due). This is the allocation-free fast
	 * path the clients try before {@link #getTokenMono()}.
	 * @return the token, or {@code null} when a caller would have to wait for one
	 */
	public @Nullable AriaAccessToken getTokenIfAvailable() {
		return usableToken(this.cached.get(), this.clock.millis());
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
		if (current == null || this.clock.millis() >= current.schedule.expiresAt()) {
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
	 * Stop using a token that Aria rejected, so that the next caller fetches a new one.
	 * Only the given token is dropped: when many requests report the same rejected token,
	 * one new token is fetched. While invalidation is paused (see
	 * {@link #resendAnswered}) the token is kept.
	 * @param token the token that was rejected
	 * @return whether it was the cached token and is now dropped
	 */
	public boolean invalidate(AriaAccessToken token) {
		CachedToken current = this.cached.get();
		if (current == null || !current.token.tokenValue().equals(token.tokenValue())
				|| this.clock.millis() < this.invalidationPausedUntilMillis) {
			return false;
		}
		boolean dropped = this.cached.compareAndSet(current, null);
		if (dropped) {
			if (logger.isDebugEnabled()) {
				logger.debug(this.registration.getRegistrationId() + ": dropped the Aria token for client_no "
						+ token.claims().clientNo() + " that the API rejected; the next request fetches a new one");
			}
			notifyListeners((listener) -> listener.tokenInvalidated(current.token));
		}
		return dropped;
	}

	/**
	 * Tell the manager how the API answered a request that was resent with a new token
	 * after a 401. When the new token is rejected too, the token is not the problem (a
	 * service account without Billie Connect rights, a wrong audience, a realm that does
	 * not match the API): 401s then stop dropping tokens for a backoff period that grows
	 * with each such rejection, so an API that rejects everything cannot flood the token
	 * endpoint. An accepted resend ends the episode.
	 * @param token the new token the request was resent with
	 * @param rejected whether the API answered 401 again
	 */
	public void resendAnswered(AriaAccessToken token, boolean rejected) {
		if (!rejected) {
			if (this.consecutiveRejections.get() != 0) {
				this.consecutiveRejections.set(0);
				this.lastRejectedToken.set(null);
			}
			return;
		}
		String value = token.tokenValue();
		if (value.equals(this.lastRejectedToken.getAndSet(value))) {
			// Concurrent resends with the same token count once.
			return;
		}
		int rejections = this.consecutiveRejections.incrementAndGet();
		long pause = this.timing.rejectionPause(rejections);
		this.invalidationPausedUntilMillis = this.clock.millis() + pause;
		String message = this.registration.getRegistrationId() + ": the Billie Connect API rejected a newly fetched "
				+ "token too (HTTP 401), so the token is not the problem. Check that the service account '"
				+ this.registration.getClientId() + "' may use Billie Connect, that its tokens carry the audience "
				+ "billie-connect-api, and that the token endpoint and API belong to the same Aria region and stage. "
				+ "Not fetching new tokens for 401s for " + pause + " ms (" + rejections + " rejection(s) in a row).";
		if (rejections == 1) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
		Duration paused = Duration.ofMillis(pause);
		notifyListeners((listener) -> listener.newTokenRejected(token, paused));
	}

	/**
	 * Forget the cached token, the last failure and every backoff, as if the manager had
	 * just been built. For test support only (aria-auth-test calls it before each test
	 * method so that tests sharing an application context do not see each other's tokens
	 * or failures); production code has no reason to call it.
	 */
	public void resetForTesting() {
		this.generation++;
		Fetch running = this.inFlight.get();
		if (running != null) {
			settle(running, null, closedException("the token manager was reset for the next test"));
		}
		this.cached.set(null);
		this.lastFailure = null;
		this.refreshRetryAtMillis = 0;
		this.retryWithoutTokenAtMillis = 0;
		this.consecutiveFailures = 0;
		this.consecutiveRejections.set(0);
		this.lastRejectedToken.set(null);
		this.invalidationPausedUntilMillis = 0;
	}

	/**
	 * Return the token endpoint in use.
	 * @return the token endpoint
	 */
	public URI getTokenUri() {
		return this.endpoint.endpoint();
	}

	/**
	 * Return the Spring Security registration the tokens are fetched for (id
	 * {@value #REGISTRATION_ID} for the auto-configured manager). Never log it:
	 * {@link ClientRegistration#toString()} prints the client secret.
	 * @return the registration
	 */
	public ClientRegistration getClientRegistration() {
		return this.registration;
	}

	/**
	 * Return a Spring Security {@link OAuth2AuthorizedClientManager} backed by this
	 * manager's token, for this manager's registration id; it authorizes nothing else.
	 * @return the manager
	 */
	public OAuth2AuthorizedClientManager authorizedClientManager() {
		return (request) -> supports(request) ? authorizedClient(getToken(), request) : null;
	}

	/**
	 * Return a Spring Security {@link ReactiveOAuth2AuthorizedClientManager} backed by
	 * this manager's token, for this manager's registration id; it authorizes nothing
	 * else.
	 * @return the reactive manager
	 */
	public ReactiveOAuth2AuthorizedClientManager reactiveAuthorizedClientManager() {
		return (request) -> supports(request) ? getTokenMono().map((token) -> authorizedClient(token, request))
				: Mono.empty();
	}

	/**
	 * Stop fetching: callers waiting for a token get an {@link AriaAuthException} with
	 * code {@code closed}, the manager's own fetch threads end, and the HTTP client it
	 * built or was given with {@link Builder#httpClient(HttpClient, Duration)} is closed
	 * (Java 21 and later) and let go of. A request factory given with
	 * {@link Builder#requestFactory(ClientHttpRequestFactory)} is left open: it belongs
	 * to the caller.
	 */
	@Override
	public void close() {
		this.closed = true;
		Fetch running = this.inFlight.get();
		if (running != null) {
			settle(running, null, closedException("the token manager is shut down"));
		}
		if (this.ownedExecutor != null) {
			// First, so that a fetch in flight is interrupted and the client's close need
			// not wait for it.
			this.ownedExecutor.shutdownNow();
		}
		if (this.ownedHttpClient != null) {
			this.ownedHttpClient.close();
		}
	}

	@Override
	public String toString() {
		return "AriaTokenManager[registrationId=" + this.registration.getRegistrationId() + ", clientId="
				+ this.registration.getClientId() + ", tokenUri=" + getTokenUri() + "]";
	}

	private @Nullable AriaAccessToken usableToken(@Nullable CachedToken current, long now) {
		if (current == null || now >= current.schedule.usableUntil()) {
			return null;
		}
		if (now >= current.schedule.refreshAt() && now >= this.refreshRetryAtMillis && this.inFlight.get() == null) {
			startFetch(current, false);
		}
		return current.token;
	}

	private CompletableFuture<AriaAccessToken> acquire(@Nullable CachedToken judged, long now) {
		Fetch running = this.inFlight.get();
		if (running != null) {
			return running.result;
		}
		AriaAuthException failure = this.lastFailure;
		if (failure != null && now < this.retryWithoutTokenAtMillis) {
			return CompletableFuture.failedFuture(failure);
		}
		return startFetch(judged, true);
	}

	/**
	 * Start a fetch unless one is in flight. {@code judged} is the cached token the
	 * caller found wanting; if another fetch replaced it with a usable token in the
	 * meantime, that token is the answer and no request is made. A fetch the caller waits
	 * for is observed as a child of the caller's current observation; a background
	 * refresh is a root of its own.
	 */
	private CompletableFuture<AriaAccessToken> startFetch(@Nullable CachedToken judged, boolean callerWaits) {
		if (this.closed) {
			return CompletableFuture.failedFuture(closedException("the token manager is shut down"));
		}
		Fetch fetch = new Fetch(this.generation);
		while (!this.inFlight.compareAndSet(null, fetch)) {
			Fetch running = this.inFlight.get();
			if (running != null) {
				return running.result;
			}
		}
		CachedToken current = this.cached.get();
		if (current != judged && current != null && this.clock.millis() < current.schedule.refreshAt()) {
			this.inFlight.compareAndSet(fetch, null);
			fetch.result.complete(current.token);
			return fetch.result;
		}
		fetch.parent = callerWaits ? this.observations.current() : null;
		// However the fetch ends, or if it never does (a dropped task, a request without
		// timeouts), the waiters
		// hear of it and the next caller can fetch again.
		fetch.deadline.orTimeout(this.acquireTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ignored, ex) -> {
			if (ex != null) {
				settle(fetch, null, fetchTimeoutException());
			}
		});
		try {
			this.executor.execute(() -> runFetch(fetch));
		}
		catch (RejectedExecutionException ex) {
			settle(fetch, null, closedException("the token manager is shut down"));
		}
		return fetch.result;
	}

	private void runFetch(Fetch fetch) {
		long started = this.clock.millis();
		TokenRequestObservations.Running observation = this.observations.start(fetch.parent);
		AriaAccessToken token = null;
		AriaAuthException failure = null;
		try {
			token = fetch(observation);
		}
		catch (Throwable ex) {
			failure = this.closed ? closedException("the token manager is shut down")
					: (ex instanceof AriaAuthException aria) ? aria : unexpected(ex);
		}
		finally {
			observation.closeScope();
		}
		boolean current = settle(fetch, token, failure);
		if (this.closed) {
			return;
		}
		observation.stop(failure);
		if (!current && token != null) {
			keepLateToken(fetch, token);
		}
		// Listeners hear of the request as it really went, also when the deadline gave up
		// on it first.
		Duration took = Duration.ofMillis(this.clock.millis() - started);
		if (token != null) {
			AriaAccessToken fetched = token;
			if (logger.isDebugEnabled()) {
				logger.debug(this.registration.getRegistrationId() + ": fetched an Aria token for client_no "
						+ fetched.claims().clientNo() + " in " + took.toMillis() + " ms; it expires at "
						+ fetched.expiresAt());
			}
			notifyListeners((listener) -> listener.tokenFetched(fetched, took));
		}
		else if (failure != null) {
			AriaAuthException failed = failure;
			notifyListeners((listener) -> listener.tokenFetchFailed(failed, took));
		}
	}

	private AriaAccessToken fetch(TokenRequestObservations.Running observation) {
		if (!observation.observed()) {
			return this.endpoint.fetch(false);
		}
		try {
			return this.endpoint.fetch(true);
		}
		catch (RuntimeException ex) {
			if (ex instanceof AriaAuthException) {
				throw ex;
			}
			// Anything else from an observed call may come from an application's
			// observation handler on the HTTP
			// call: once more, without observation (which stays off from now on).
			this.observations.handlerFailed(ex);
			return this.endpoint.fetch(false);
		}
	}

	/**
	 * Settle a fetch: the manager's own state first, then the waiters. Only the first
	 * call for a fetch has an effect (the fetch itself, its deadline, a close or a reset
	 * may race).
	 * @return whether this call settled it
	 */
	private boolean settle(Fetch fetch, @Nullable AriaAccessToken token, @Nullable AriaAuthException failure) {
		if (!fetch.settled.compareAndSet(false, true)) {
			return false;
		}
		if (token != null && fetch.generation == this.generation) {
			this.cached.set(new CachedToken(token, this.timing.schedule(token.issuedAt(), token.expiresAt())));
			this.consecutiveFailures = 0;
			this.lastFailure = null;
			this.refreshRetryAtMillis = 0;
			this.retryWithoutTokenAtMillis = 0;
		}
		else if (failure != null) {
			recordFailure(failure);
		}
		this.inFlight.compareAndSet(fetch, null);
		fetch.deadline.complete(null);
		if (token != null) {
			fetch.result.complete(token);
		}
		else {
			fetch.result.completeExceptionally(
					(failure != null) ? failure : closedException("the token manager was reset for the next test"));
		}
		return true;
	}

	// A token that arrived after its fetch was given up on is still good: keep it unless
	// a later one is cached.
	private void keepLateToken(Fetch fetch, AriaAccessToken token) {
		CachedToken late = new CachedToken(token, this.timing.schedule(token.issuedAt(), token.expiresAt()));
		this.cached.updateAndGet((current) -> (fetch.generation != this.generation
				|| (current != null && current.schedule.expiresAt() >= late.schedule.expiresAt())) ? current : late);
	}

	private void recordFailure(AriaAuthException failure) {
		int failures = ++this.consecutiveFailures;
		long now = this.clock.millis();
		CachedToken held = this.cached.get();
		long heldUsableUntil = (held != null) ? held.schedule.usableUntil() : now;
		TokenTiming.Retry retry = this.timing.afterFailure(now, failures, failure.getRetryAfter(), heldUsableUntil);
		this.refreshRetryAtMillis = retry.refreshAt();
		this.retryWithoutTokenAtMillis = retry.withoutTokenAt();
		this.lastFailure = failure;
		if (AriaAuthException.CLOSED.equals(failure.getErrorCode())) {
			logger.debug(failure.getMessage());
			return;
		}
		if (logger.isWarnEnabled()) {
			String state = (held != null && heldUsableUntil > now)
					? "still using the current token, valid until " + held.token.expiresAt() + "; next attempt in "
							+ (retry.refreshAt() - now) + " ms"
					: "no valid token is held; next attempt in " + (retry.withoutTokenAt() - now) + " ms";
			logger.warn("Aria registration '" + this.registration.getRegistrationId() + "': " + failure.getMessage()
					+ " (" + failures + " failure(s) in a row; " + state + ")");
		}
	}

	// Each listener is isolated: a failing one is reported once and never disturbs the
	// core or the others.
	private void notifyListeners(Consumer<AriaTokenListener> event) {
		for (AriaTokenListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (Throwable ex) {
				if (this.failedListeners.add(listener)) {
					logger.warn("aria-auth token listener " + listener.getClass().getName()
							+ " failed; token handling is not affected (further failures of this listener are "
							+ "logged at DEBUG)", ex);
				}
				else if (logger.isDebugEnabled()) {
					logger.debug("aria-auth token listener " + listener.getClass().getName() + " failed", ex);
				}
			}
		}
	}

	private static Throwable forCaller(Throwable ex) {
		Throwable failure = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		return (failure instanceof AriaAuthException aria) ? aria.forCaller() : failure;
	}

	private AriaAuthException unexpected(Throwable ex) {
		return new AriaAuthException(getTokenUri(), null, AriaAuthException.UNEXPECTED_ERROR, ex.getClass().getName(),
				"This is likely a bug in aria-auth; please report it.", null, null);
	}

	private AriaAccessToken await(CompletableFuture<AriaAccessToken> fetch) {
		try {
			return fetch.get(this.acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof AriaAuthException aria) ? aria.forCaller()
					: unexpected(new IllegalStateException(ex.getCause()));
		}
		catch (TimeoutException ex) {
			throw acquireTimeoutException();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AriaAuthException(getTokenUri(), null, AriaAuthException.INTERRUPTED,
					"interrupted while waiting for a token", "The calling thread was interrupted.", null, null);
		}
	}

	private AriaAuthException acquireTimeoutException() {
		return new AriaAuthException(getTokenUri(), null, AriaAuthException.TIMEOUT,
				"no token within the acquire timeout of " + this.acquireTimeout,
				"Check that the token endpoint answers, or raise aria.auth.token.acquire-timeout.", null, null);
	}

	private AriaAuthException fetchTimeoutException() {
		return new AriaAuthException(getTokenUri(), null, AriaAuthException.TIMEOUT,
				"the token request did not finish within " + this.acquireTimeout,
				"Check that the token endpoint answers; token requests need connect and read timeouts "
						+ "(aria.auth.token.connect-timeout and read-timeout).",
				null, null);
	}

	private AriaAuthException closedException(String description) {
		return new AriaAuthException(getTokenUri(), null, AriaAuthException.CLOSED, description,
				"The application is stopping.", null, null);
	}

	private boolean supports(OAuth2AuthorizeRequest request) {
		return this.registration.getRegistrationId().equals(request.getClientRegistrationId());
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

	static ClientHttpRequestFactory requestFactory(ReleasableHttpClient httpClient, Duration readTimeout) {
		// Spring's requests hold the client they are sent with; see ReleasableHttpClient
		// for why that is ours.
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient);
		factory.setReadTimeout(readTimeout);
		return factory;
	}

	private record CachedToken(AriaAccessToken token, TokenTiming.Schedule schedule) {

		@Override
		public String toString() {
			return this.token.toString();
		}

	}

	/**
	 * One token request and everyone waiting for it.
	 */
	private static final class Fetch {

		final CompletableFuture<AriaAccessToken> result = new CompletableFuture<>();

		final CompletableFuture<@Nullable Void> deadline = new CompletableFuture<>();

		final AtomicBoolean settled = new AtomicBoolean();

		final int generation;

		// The observation of the caller that waits for this fetch, set before the fetch
		// is handed to the executor.
		volatile @Nullable Observation parent;

		Fetch(int generation) {
			this.generation = generation;
		}

	}

	private static final class FetchThreadFactory implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "aria-auth-token-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

	/**
	 * Builds an {@link AriaTokenManager}; every setting has the default that the
	 * auto-configuration uses.
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

		private Duration maxBackoffWithoutToken = Duration.ofSeconds(2);

		private final List<AriaTokenListener> listeners = new ArrayList<>();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable AriaTokenRequestObservationConvention observationConvention;

		private Builder(ClientRegistration registration) {
			Assert.notNull(registration, "registration must not be null");
			this.registration = registration;
		}

		/**
		 * Return the id of the registration the manager is built for, for customizers
		 * that treat registrations differently.
		 * @return the registration id
		 */
		public String registrationId() {
			return this.registration.getRegistrationId();
		}

		/**
		 * Use this factory for token requests; it should have connect and read timeouts
		 * and must not follow redirects. The manager never closes it. Defaults to a JDK
		 * client of the manager's own, with 5 s / 10 s timeouts, that it closes when it
		 * is closed.
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
		 * Send token requests with this JDK client and read timeout, and hand the client
		 * over to the manager: {@link AriaTokenManager#close()} closes it (Java 21 and
		 * later) and lets go of it, so that its threads end with the manager. The client
		 * should have a connect timeout; it must not follow redirects.
		 * @param httpClient the client, used by this manager only
		 * @param readTimeout the read timeout of token requests
		 * @return this builder
		 */
		public Builder httpClient(HttpClient httpClient, Duration readTimeout) {
			Assert.notNull(httpClient, "httpClient must not be null");
			// A token request carries the client secret, which a followed redirect could
			// take to another host.
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
		 * Run token requests on this executor instead of the manager's own daemon
		 * threads.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(Executor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * Refresh in the background once this much lifetime is left (capped at half the
		 * lifetime).
		 * @param refreshWindow the refresh window
		 * @return this builder
		 */
		public Builder refreshWindow(Duration refreshWindow) {
			this.refreshWindow = positive(refreshWindow, "refreshWindow");
			return this;
		}

		/**
		 * Never hand out a token with less lifetime than this left (capped at a tenth of
		 * the lifetime).
		 * @param expiryMargin the expiry margin
		 * @return this builder
		 */
		public Builder expiryMargin(Duration expiryMargin) {
			Assert.isTrue(!expiryMargin.isNegative(), "expiryMargin must not be negative");
			this.expiryMargin = expiryMargin;
			return this;
		}

		/**
		 * Assume this lifetime when the response has no {@code expires_in} and the token
		 * no {@code exp}.
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
		 * Space failed attempts by a backoff starting here and doubling up to
		 * {@code max}, each jittered.
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
		 * Once no usable token is held, space attempts by at most this much (jittered),
		 * so that callers recover within seconds of the token endpoint's return; attempts
		 * stay single-flight. Capped by the max backoff.
		 * @param maxBackoffWithoutToken the largest backoff while no usable token is held
		 * @return this builder
		 */
		public Builder maxBackoffWithoutToken(Duration maxBackoffWithoutToken) {
			this.maxBackoffWithoutToken = positive(maxBackoffWithoutToken, "maxBackoffWithoutToken");
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
		 * Observe token requests ({@code aria.auth.token.requests}, with the HTTP call as
		 * a child) in this registry. Without one, nothing is observed and nothing is
		 * spent on it.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			Assert.notNull(observationRegistry, "observationRegistry must not be null");
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Name and tag token request observations with this convention instead of the
		 * default one.
		 * @param observationConvention the convention
		 * @return this builder
		 */
		public Builder observationConvention(AriaTokenRequestObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Build the manager. No network I/O happens until the first token is asked for.
		 * @return the manager
		 */
		public AriaTokenManager build() {
			Assert.isTrue(
					AuthorizationGrantType.CLIENT_CREDENTIALS.equals(this.registration.getAuthorizationGrantType()),
					() -> "registration '" + this.registration.getRegistrationId()
							+ "' must use the client_credentials " + "grant, not "
							+ this.registration.getAuthorizationGrantType().getValue());
			URI tokenUri = URI.create(this.registration.getProviderDetails().getTokenUri());
			Assert.isTrue(AriaHosts.isSecureOrLoopback(tokenUri),
					() -> "token URI of registration '" + this.registration.getRegistrationId() + "' must be https "
							+ "(http only for loopback hosts), not " + tokenUri.getScheme() + "://"
							+ tokenUri.getHost());
			return new AriaTokenManager(this);
		}

		private static Duration positive(Duration value, String name) {
			Assert.isTrue(value != null && !value.isNegative() && !value.isZero(), name + " must be positive");
			return value;
		}

	}

}
