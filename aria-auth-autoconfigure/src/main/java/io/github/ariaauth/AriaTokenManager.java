package io.github.ariaauth;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.github.ariaauth.observation.AriaTokenRequestObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizationFailureHandler;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizationFailureHandler;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
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

	private final URI tokenUri;

	private final Clock clock;

	private final TokenSlot slot = new TokenSlot();

	private final FailureGate gate;

	private final RejectionGuard rejections;

	private final TokenListeners listeners;

	private final TokenFailures failures;

	private final SingleFlight flight;

	private final CallerFutures callers;

	private final OwnedResources resources;

	private final SpringSecurityAdapters adapters;

	private final TokenCredentials credentials;

	private AriaTokenManager(Builder builder) {
		this.registration = builder.registration;
		this.tokenUri = URI.create(this.registration.getProviderDetails().getTokenUri());
		this.clock = builder.clock;
		AriaTokenTimings timings = builder.timings();
		TokenTiming timing = new TokenTiming(timings, TokenTiming.Jitter.RANDOM);
		this.credentials = new TokenCredentials(this.registration, builder.credentialsProvider);
		this.gate = new FailureGate(this.registration.getRegistrationId(), timing, this.credentials::rejectedReplaced);
		this.rejections = new RejectionGuard(timing, this.clock);
		this.listeners = new TokenListeners(builder.listeners);
		this.failures = new TokenFailures(this.tokenUri, timings.acquireTimeout());
		ClientHttpRequestFactory requestFactory = builder.requestFactory;
		ReleasableHttpClient ownedHttpClient = null;
		if (requestFactory == null) {
			ownedHttpClient = new ReleasableHttpClient(
					(builder.httpClient != null) ? builder.httpClient : ReleasableHttpClient.defaultClient());
			requestFactory = ownedHttpClient.requestFactory(timings.readTimeout());
		}
		this.resources = new OwnedResources(builder.executor, ownedHttpClient);
		TokenEndpointClient endpoint = new TokenEndpointClient(this.registration, requestFactory, this.clock,
				timings.defaultLifetime(), builder.observationRegistry);
		TokenRequestObservations observations = new TokenRequestObservations(builder.observationRegistry,
				builder.observationConvention, this.registration.getRegistrationId(), this.tokenUri);
		Executor completion = (builder.completionExecutor != null) ? builder.completionExecutor
				: new CompletableFuture<Void>().defaultExecutor();
		this.flight = new SingleFlight(this.slot, this.gate, timing,
				new TokenRequester(endpoint, observations, this.failures, this.credentials), this.listeners,
				this.failures, this.resources.executor(), completion, this.clock, timings.acquireTimeout(),
				this.registration.getRegistrationId());
		this.callers = new CallerFutures(completion, timings.acquireTimeout().toMillis(),
				this.failures::acquireTimeout);
		this.adapters = new SpringSecurityAdapters(this, this.registration);
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
		TokenSlot.Entry current = this.slot.current();
		long now = this.clock.millis();
		AriaAccessToken token = usableToken(current, now);
		return (token != null) ? token : this.callers.await(this.flight.acquire(current, now), this.failures);
	}

	/**
	 * Return a valid token without blocking the caller. A future that is not complete yet
	 * is completed on the completion executor (see
	 * {@link Builder#completionExecutor(Executor)}), never on a thread that fetches
	 * tokens, so a continuation that blocks stalls nothing of aria-auth's.
	 * @return a future of the token; completed already when one is cached
	 */
	public CompletableFuture<AriaAccessToken> getTokenAsync() {
		TokenSlot.Entry current = this.slot.current();
		long now = this.clock.millis();
		AriaAccessToken token = usableToken(current, now);
		return (token != null) ? CompletableFuture.completedFuture(token)
				: this.callers.forCaller(this.flight.acquire(current, now));
	}

	/**
	 * Return a valid token for reactive pipelines; the fetch itself never runs on the
	 * subscriber's thread, and a token that has to be waited for is emitted on the
	 * completion executor.
	 * @return a {@link Mono} of the token, failing with {@link AriaAuthException} (also
	 * after the acquire timeout)
	 */
	public Mono<AriaAccessToken> getTokenMono() {
		return Mono.defer(() -> {
			TokenSlot.Entry current = this.slot.current();
			long now = this.clock.millis();
			AriaAccessToken token = usableToken(current, now);
			return (token != null) ? Mono.just(token)
					: Mono.fromFuture(this.callers.forCaller(this.flight.acquire(current, now)));
		});
	}

	/**
	 * Return the cached token if it may be sent now, without waiting or fetching (a
	 * background refresh still starts when one is due). This is the allocation-free fast
	 * path the clients try before {@link #getTokenMono()}.
	 * @return the token, or {@code null} when a caller would have to wait for one
	 */
	public @Nullable AriaAccessToken getTokenIfAvailable() {
		return usableToken(this.slot.current(), this.clock.millis());
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
		TokenSlot.Entry current = this.slot.current();
		AriaAccessToken token = current.token();
		return (token != null && this.clock.millis() < current.schedule().expiresAt()) ? Optional.of(token)
				: Optional.empty();
	}

	/**
	 * Return the failure of the last token request, if the last request failed.
	 * @return the last failure, cleared by the next successful fetch
	 */
	public Optional<AriaAuthException> getLastFailure() {
		return Optional.ofNullable(this.gate.lastFailure());
	}

	/**
	 * Stop using a token that Aria rejected, so that the next caller fetches a new one.
	 * Only the given token is dropped: when many requests report the same rejected token,
	 * one new token is fetched. While invalidation is paused (see
	 * {@link AriaBearerProtocol#resendAnswered}) the token is kept.
	 * @param token the token that was rejected
	 * @return whether it was the cached token and is now dropped
	 */
	public boolean invalidate(AriaAccessToken token) {
		if (!this.rejections.mayInvalidate()) {
			return false;
		}
		TokenSlot.Entry dropped = this.slot.drop(token.tokenValue());
		AriaAccessToken droppedToken = (dropped != null) ? dropped.token() : null;
		if (droppedToken == null) {
			return false;
		}
		if (logger.isDebugEnabled()) {
			logger.debug(this.registration.getRegistrationId() + ": dropped the Aria token for client_no "
					+ token.claims().clientNo() + " that the API rejected; the next request fetches a new one");
		}
		this.listeners.notify((listener) -> listener.tokenInvalidated(droppedToken));
		return true;
	}

	/**
	 * How the API answered a request that was resent with a new token after a 401 (see
	 * {@link AriaBearerProtocol}, the named type of this protocol). When the new token is
	 * rejected too, the token is not the problem (a service account without Billie
	 * Connect rights, a wrong audience, a realm that does not match the API): 401s then
	 * stop dropping tokens for a backoff period that grows with each such rejection, so
	 * an API that rejects everything cannot flood the token endpoint. An accepted resend
	 * ends the episode.
	 * @param token the new token the request was resent with
	 * @param rejected whether the API answered 401 again
	 */
	void resendAnswered(AriaAccessToken token, boolean rejected) {
		Duration paused = this.rejections.resendAnswered(token, rejected,
				(pause, count) -> this.registration.getRegistrationId() + ": the Billie Connect API rejected a newly "
						+ "fetched token too (HTTP 401), so the token is not the problem. Check that the service "
						+ "account '" + this.registration.getClientId() + "' may use Billie Connect, that its tokens "
						+ "carry the audience billie-connect-api, and that the token endpoint and API belong to the "
						+ "same Aria region and stage. Not fetching new tokens for 401s for " + pause + " ms (" + count
						+ " rejection(s) in a row).");
		if (paused != null) {
			this.listeners.notify((listener) -> listener.newTokenRejected(token, paused));
		}
	}

	/**
	 * Forget the cached token, the last failure and every backoff, as if the manager had
	 * just been built. For test support only, and so not public: aria-auth-test reaches
	 * it, before each test method, so that tests sharing an application context do not
	 * see each other's tokens or failures. A caller still waiting for a token then gets
	 * an {@link AriaAuthException} with code {@value AriaAuthException#RESET}.
	 */
	void resetForTesting() {
		this.slot.reset();
		this.flight.reset();
		this.gate.reset();
		this.rejections.reset();
	}

	/**
	 * Return whether the token endpoint rejected this registration's client
	 * ({@code invalid_client} or {@code unauthorized_client}) and its credentials have
	 * not changed since: the registration waits for a new secret.
	 * @return whether the registration waits for new credentials
	 */
	public boolean isAwaitingNewCredentials() {
		return this.credentials.awaitingNewCredentials();
	}

	/**
	 * Return the token endpoint in use.
	 * @return the token endpoint
	 */
	public URI getTokenUri() {
		return this.tokenUri;
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
		return this.adapters.authorizedClientManager();
	}

	/**
	 * Return a Spring Security {@link ReactiveOAuth2AuthorizedClientManager} backed by
	 * this manager's token, for this manager's registration id; it authorizes nothing
	 * else.
	 * @return the reactive manager
	 */
	public ReactiveOAuth2AuthorizedClientManager reactiveAuthorizedClientManager() {
		return this.adapters.reactiveAuthorizedClientManager();
	}

	/**
	 * Return a Spring Security {@link OAuth2AuthorizationFailureHandler} for clients that
	 * use {@link #authorizedClientManager()} (for example
	 * {@code OAuth2ClientHttpRequestInterceptor}): when the API rejects this
	 * registration's token ({@code invalid_token}), the cached token is dropped, as by
	 * {@link #invalidate(AriaAccessToken)}, so the next request fetches a new one.
	 * @return the failure handler
	 */
	public OAuth2AuthorizationFailureHandler authorizationFailureHandler() {
		return this.adapters.authorizationFailureHandler();
	}

	/**
	 * Return the reactive counterpart of {@link #authorizationFailureHandler()}, for
	 * clients that use {@link #reactiveAuthorizedClientManager()}.
	 * @return the reactive failure handler
	 */
	public ReactiveOAuth2AuthorizationFailureHandler reactiveAuthorizationFailureHandler() {
		return this.adapters.reactiveAuthorizationFailureHandler();
	}

	/**
	 * Stop fetching and forget the cached token: callers waiting for a token, and every
	 * caller from then on, get an {@link AriaAuthException} with code {@code closed} (a
	 * registration removed at run time must not keep serving), the token request in
	 * flight is interrupted whatever thread runs it, the manager's own fetch threads end,
	 * and the HTTP client it built or was given with
	 * {@link Builder#httpClient(HttpClient, Duration)} is stopped (Java 21 and later) and
	 * let go of. A request factory given with
	 * {@link Builder#requestFactory(ClientHttpRequestFactory)} is left open: it belongs
	 * to the caller.
	 */
	@Override
	public void close() {
		this.flight.close();
		this.slot.reset();
		this.resources.close();
	}

	@Override
	public String toString() {
		return "AriaTokenManager[registrationId=" + this.registration.getRegistrationId() + ", clientId="
				+ this.registration.getClientId() + ", tokenUri=" + this.tokenUri + "]";
	}

	private @Nullable AriaAccessToken usableToken(TokenSlot.Entry current, long now) {
		AriaAccessToken token = current.token();
		if (token == null || now >= current.schedule().usableUntil()) {
			return null;
		}
		if (now >= current.schedule().refreshAt() && this.gate.mayRefresh(now) && this.flight.idle()) {
			this.flight.refresh(current);
		}
		return token;
	}

	/**
	 * Builds an {@link AriaTokenManager}; every setting has the default that the
	 * auto-configuration uses.
	 */
	public static final class Builder {

		private final ClientRegistration registration;

		private @Nullable ClientHttpRequestFactory requestFactory;

		private @Nullable HttpClient httpClient;

		private Duration readTimeout = AriaTokenTimings.DEFAULTS.readTimeout();

		private Clock clock = Clock.systemUTC();

		private @Nullable Executor executor;

		private @Nullable Executor completionExecutor;

		private Duration refreshWindow = AriaTokenTimings.DEFAULTS.refreshWindow();

		private Duration expiryMargin = AriaTokenTimings.DEFAULTS.expiryMargin();

		private Duration defaultLifetime = AriaTokenTimings.DEFAULTS.defaultLifetime();

		private Duration acquireTimeout = AriaTokenTimings.DEFAULTS.acquireTimeout();

		private Duration initialBackoff = AriaTokenTimings.DEFAULTS.initialBackoff();

		private Duration maxBackoff = AriaTokenTimings.DEFAULTS.maxBackoff();

		private Duration maxBackoffWithoutToken = AriaTokenTimings.DEFAULTS.maxBackoffWithoutToken();

		private final List<AriaTokenListener> listeners = new ArrayList<>();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable AriaTokenRequestObservationConvention observationConvention;

		private @Nullable AriaClientCredentialsProvider credentialsProvider;

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
			this.readTimeout = readTimeout;
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
		 * threads. The manager keeps at most one request open at a time, so an executor
		 * shared by many managers needs a thread per manager that may wait on a hanging
		 * endpoint; one that queues lets a hanging registration delay the others.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(Executor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * Complete the futures and {@code Mono}s of callers that wait for a token on this
		 * executor. Defaults to the one {@link CompletableFuture}'s asynchronous methods
		 * use (the common pool, or a thread per task on a single-core machine), which is
		 * never a thread that fetches tokens nor the JVM's timer thread.
		 * @param completionExecutor the executor
		 * @return this builder
		 */
		public Builder completionExecutor(Executor completionExecutor) {
			Assert.notNull(completionExecutor, "completionExecutor must not be null");
			this.completionExecutor = completionExecutor;
			return this;
		}

		/**
		 * Refresh in the background once this much lifetime is left (capped at half the
		 * lifetime).
		 * @param refreshWindow the refresh window
		 * @return this builder
		 */
		public Builder refreshWindow(Duration refreshWindow) {
			this.refreshWindow = refreshWindow;
			return this;
		}

		/**
		 * Never hand out a token with less lifetime than this left (capped at a tenth of
		 * the lifetime).
		 * @param expiryMargin the expiry margin
		 * @return this builder
		 */
		public Builder expiryMargin(Duration expiryMargin) {
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
			this.defaultLifetime = defaultLifetime;
			return this;
		}

		/**
		 * Give up waiting for a token after this long.
		 * @param acquireTimeout the acquire timeout
		 * @return this builder
		 */
		public Builder acquireTimeout(Duration acquireTimeout) {
			this.acquireTimeout = acquireTimeout;
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
			this.initialBackoff = initial;
			this.maxBackoff = max;
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
			this.maxBackoffWithoutToken = maxBackoffWithoutToken;
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
		 * Ask this provider for the credentials of each token request instead of using
		 * the registration's client secret for ever; where it answers {@code null}, the
		 * registration's secret is used. When the token endpoint rejects the client, the
		 * provider is told and asked again, and a token request with changed credentials
		 * is sent at once. The token held stays in use until it expires.
		 * @param credentialsProvider the provider
		 * @return this builder
		 */
		public Builder credentialsProvider(AriaClientCredentialsProvider credentialsProvider) {
			Assert.notNull(credentialsProvider, "credentialsProvider must not be null");
			this.credentialsProvider = credentialsProvider;
			return this;
		}

		/**
		 * Build the manager. No network I/O happens until the first token is asked for.
		 * @return the manager
		 * @throws IllegalArgumentException for a registration of another grant or a plain
		 * http token endpoint off this machine, or timings that break a rule of
		 * {@link AriaTokenTimings}
		 */
		public AriaTokenManager build() {
			TokenEndpointClient.check(this.registration);
			timings();
			return new AriaTokenManager(this);
		}

		AriaTokenTimings timings() {
			return new AriaTokenTimings(this.readTimeout, this.acquireTimeout, this.refreshWindow, this.expiryMargin,
					this.defaultLifetime, this.initialBackoff, this.maxBackoff, this.maxBackoffWithoutToken);
		}

	}

}
