package io.github.ariaauth.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import mockwebserver3.MockWebServer;
import org.jspecify.annotations.Nullable;

/**
 * Local stand-in for Aria's token endpoint and the Billie Connect Converse API, served
 * over HTTP on loopback.
 * <p>
 * The token endpoint checks client credentials (in the form body or HTTP Basic) and
 * issues RS256 JWTs with Aria's claims; the Converse API validates the bearer token
 * against the stand-in's own key and clock and answers in the v2 shape (v3: {@code 202}
 * plus a callback). Counters, the issued tokens and fault injection let tests check how a
 * client behaves. Typical use: <pre class="code">
 * try (AriaStandIn aria = new AriaStandIn().start()) {
 *     aria.failNext(Endpoint.TOKEN, 1, Fault.serviceUnavailable(Duration.ofSeconds(1)));
 *     // point the client at aria.tokenUri() and aria.apiBaseUrl()
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class AriaStandIn implements AutoCloseable {

	static final String REALM_PATH = "/realms/aria";

	static final String TOKEN_PATH = REALM_PATH + "/protocol/openid-connect/token";

	static final String JWK_SET_PATH = REALM_PATH + "/protocol/openid-connect/certs";

	static final String CONVERSE_V2_PATH = "/api/v2/converse";

	static final String CONVERSE_V3_PATH = "/api/v3/converse";

	private static final String HOST = "127.0.0.1";

	private final String clientId;

	private final String clientSecret;

	private final String clientNo;

	private final @Nullable String accountNo;

	private final Clock clock;

	private final Duration defaultTokenLifetime;

	private final boolean defaultOmitExpiresIn;

	private volatile Duration tokenLifetime;

	private volatile boolean omitExpiresIn;

	private volatile @Nullable TokenService tokens;

	private final FaultQueues faults = new FaultQueues();

	private final CallbackSender callbacks;

	private final MockWebServer server = new MockWebServer();

	private final AtomicInteger tokenRequestCount = new AtomicInteger();

	private final AtomicInteger apiRequestCount = new AtomicInteger();

	private final AtomicReference<@Nullable String> lastAuthorizationHeader = new AtomicReference<>();

	private final List<String> issuedTokens = new CopyOnWriteArrayList<>();

	private volatile int port = -1;

	/**
	 * Create a stand-in with the {@link Builder defaults}; call {@link #start()} before
	 * use.
	 */
	public AriaStandIn() {
		this(new Builder());
	}

	private AriaStandIn(Builder builder) {
		this.clientId = builder.clientId;
		this.clientSecret = builder.clientSecret;
		this.clientNo = builder.clientNo;
		this.accountNo = builder.accountNo;
		this.clock = builder.clock;
		this.defaultTokenLifetime = builder.tokenLifetime;
		this.defaultOmitExpiresIn = builder.omitExpiresIn;
		this.tokenLifetime = builder.tokenLifetime;
		this.omitExpiresIn = builder.omitExpiresIn;
		this.callbacks = new CallbackSender(builder.callbackDelay);
		this.server.setDispatcher(new StandInDispatcher(this, this.faults, this.callbacks));
	}

	/**
	 * Start configuring a stand-in.
	 * @return a builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Generate the signing key pair and start serving on a random free port of the
	 * loopback interface.
	 * @return this stand-in
	 */
	public AriaStandIn start() {
		return start(0);
	}

	/**
	 * Generate the signing key pair and start serving on the given port of the loopback
	 * interface.
	 * @param port the port, or {@code 0} for a random free one
	 * @return this stand-in
	 */
	public synchronized AriaStandIn start(int port) {
		if (this.port != -1) {
			throw new IllegalStateException("The stand-in has already been started");
		}
		// the key pair is made here rather than on first use, so that no request waits
		// for it
		this.tokens = new TokenService();
		try {
			this.server.start(InetAddress.getLoopbackAddress(), port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the Aria stand-in on port " + port, ex);
		}
		this.port = this.server.getPort();
		return this;
	}

	/**
	 * Whether {@link #start} has been called.
	 * @return whether the stand-in was started
	 */
	public boolean isStarted() {
		return this.port != -1;
	}

	/**
	 * The port the stand-in listens on.
	 * @return the port
	 */
	public int port() {
		int port = this.port;
		if (port == -1) {
			throw new IllegalStateException("The stand-in has not been started");
		}
		return port;
	}

	/**
	 * The base URL of the Converse API, such as {@code http://127.0.0.1:8089}.
	 * @return the API base URL
	 */
	public String apiBaseUrl() {
		return "http://" + HOST + ":" + port();
	}

	/**
	 * The token endpoint,
	 * {@code http://127.0.0.1:port/realms/aria/protocol/openid-connect/token}.
	 * @return the token URI
	 */
	public String tokenUri() {
		return apiBaseUrl() + TOKEN_PATH;
	}

	/**
	 * The JWK Set endpoint with the public key that signs the access tokens.
	 * @return the JWK Set URI
	 */
	public String jwkSetUri() {
		return apiBaseUrl() + JWK_SET_PATH;
	}

	/**
	 * The issuer ({@code iss}) of the access tokens: the realm's URL.
	 * @return the issuer
	 */
	public String issuer() {
		return apiBaseUrl() + REALM_PATH;
	}

	/**
	 * The client ID the token endpoint accepts.
	 * @return the client ID
	 */
	public String clientId() {
		return this.clientId;
	}

	/**
	 * The client secret the token endpoint accepts.
	 * @return the client secret
	 */
	public String clientSecret() {
		return this.clientSecret;
	}

	/**
	 * The Aria client number put in the {@code client_no} claim.
	 * @return the client number
	 */
	public String clientNo() {
		return this.clientNo;
	}

	/**
	 * The account number put in the {@code account_no} claim, or {@code null} when tokens
	 * carry none.
	 * @return the account number or {@code null}
	 */
	public @Nullable String accountNo() {
		return this.accountNo;
	}

	/**
	 * The clock that dates the tokens and judges their expiry.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * The lifetime of tokens issued from now on.
	 * @return the token lifetime
	 */
	public Duration tokenLifetime() {
		return this.tokenLifetime;
	}

	/**
	 * Set the lifetime of tokens issued from now on.
	 * @param tokenLifetime the lifetime, zero or more
	 */
	public void setTokenLifetime(Duration tokenLifetime) {
		this.tokenLifetime = checkLifetime(tokenLifetime);
	}

	/**
	 * Set whether token responses from now on leave out {@code expires_in}, which RFC
	 * 6749 only recommends.
	 * @param omitExpiresIn whether to leave out {@code expires_in}
	 */
	public void setOmitExpiresIn(boolean omitExpiresIn) {
		this.omitExpiresIn = omitExpiresIn;
	}

	/**
	 * Serve the given fault for the next {@code count} requests to an endpoint, after
	 * those already pending. Faulted requests are counted like the others.
	 * @param endpoint the endpoint
	 * @param count how many requests to fail, one or more
	 * @param fault the fault
	 */
	public void failNext(Endpoint endpoint, int count, Fault fault) {
		Objects.requireNonNull(endpoint, "'endpoint' must not be null");
		Objects.requireNonNull(fault, "'fault' must not be null");
		if (count < 1) {
			throw new IllegalArgumentException("'count' must be at least 1");
		}
		this.faults.add(endpoint, count, fault);
	}

	/**
	 * The number of faults still to be served for an endpoint.
	 * @param endpoint the endpoint
	 * @return the number of pending faults
	 */
	public int pendingFaults(Endpoint endpoint) {
		return this.faults.pending(endpoint);
	}

	/**
	 * Drop all pending faults.
	 */
	public void clearFaults() {
		this.faults.clear();
	}

	/**
	 * The number of requests the token endpoint received, faulted ones included.
	 * @return the token request count
	 */
	public int tokenRequestCount() {
		return this.tokenRequestCount.get();
	}

	/**
	 * The number of requests the Converse API (v2 and v3) received, faulted ones
	 * included.
	 * @return the API request count
	 */
	public int apiRequestCount() {
		return this.apiRequestCount.get();
	}

	/**
	 * The {@code Authorization} header of the latest Converse API request, or
	 * {@code null} if it had none or there was none.
	 * @return the latest API authorization header
	 */
	public @Nullable String lastAuthorizationHeader() {
		return this.lastAuthorizationHeader.get();
	}

	/**
	 * The access tokens issued so far, oldest first, so a test can check that none of
	 * them leaks into logs or responses.
	 * @return the issued access tokens
	 */
	public List<String> issuedTokens() {
		return List.copyOf(this.issuedTokens);
	}

	/**
	 * The outcomes of the callbacks posted so far for Converse API v3 requests, in order
	 * of completion.
	 * @return the callback deliveries
	 */
	public List<CallbackDelivery> callbackDeliveries() {
		return this.callbacks.deliveries();
	}

	/**
	 * Wait until at least {@code count} callbacks have been posted (or have failed).
	 * @param count the number of deliveries to wait for
	 * @param timeout how long to wait at most
	 * @return the callback deliveries
	 * @throws InterruptedException if the waiting thread is interrupted
	 * @throws IllegalStateException if fewer deliveries completed in time
	 */
	public List<CallbackDelivery> awaitCallbackDeliveries(int count, Duration timeout) throws InterruptedException {
		return this.callbacks.await(count, timeout);
	}

	/**
	 * Reset the counters, the latest authorization header, the issued tokens and the
	 * callback deliveries. Pending faults and settings are kept.
	 */
	public void reset() {
		this.tokenRequestCount.set(0);
		this.apiRequestCount.set(0);
		this.lastAuthorizationHeader.set(null);
		this.issuedTokens.clear();
		this.callbacks.clear();
	}

	/**
	 * Everything {@link #reset()} resets, plus pending faults and the settings changed
	 * since the stand-in was built.
	 */
	void resetAll() {
		reset();
		clearFaults();
		this.tokenLifetime = this.defaultTokenLifetime;
		this.omitExpiresIn = this.defaultOmitExpiresIn;
	}

	/**
	 * Stop serving and stop posting callbacks.
	 */
	@Override
	public void close() {
		this.callbacks.close();
		this.server.close();
	}

	TokenService tokens() {
		TokenService tokens = this.tokens;
		if (tokens == null) {
			throw new IllegalStateException("The stand-in has not been started");
		}
		return tokens;
	}

	boolean omitsExpiresIn() {
		return this.omitExpiresIn;
	}

	void recordTokenRequest() {
		this.tokenRequestCount.incrementAndGet();
	}

	void recordApiRequest(@Nullable String authorization) {
		this.apiRequestCount.incrementAndGet();
		this.lastAuthorizationHeader.set(authorization);
	}

	void recordIssuedToken(String token) {
		this.issuedTokens.add(token);
	}

	private static Duration checkLifetime(Duration lifetime) {
		Objects.requireNonNull(lifetime, "'tokenLifetime' must not be null");
		if (lifetime.isNegative()) {
			throw new IllegalArgumentException("'tokenLifetime' must not be negative");
		}
		return lifetime;
	}

	@Override
	public String toString() {
		String address = isStarted() ? apiBaseUrl() : "not started";
		return "AriaStandIn[" + address + ", clientId=" + this.clientId + ", clientNo=" + this.clientNo + ", accountNo="
				+ this.accountNo + "]";
	}

	/**
	 * Builder of an {@link AriaStandIn}.
	 */
	public static final class Builder {

		private String clientId = "aria-test-client";

		private String clientSecret = "aria-test-secret";

		private String clientNo = "7000213";

		private @Nullable String accountNo = "12345";

		private Duration tokenLifetime = Duration.ofHours(1);

		private boolean omitExpiresIn;

		private Clock clock = Clock.systemUTC();

		private Duration callbackDelay = Duration.ZERO;

		private Builder() {
		}

		/**
		 * Set the client ID the token endpoint accepts; {@code aria-test-client} by
		 * default.
		 * @param clientId the client ID
		 * @return this builder
		 */
		public Builder clientId(String clientId) {
			this.clientId = Objects.requireNonNull(clientId, "'clientId' must not be null");
			return this;
		}

		/**
		 * Set the client secret the token endpoint accepts; {@code aria-test-secret} by
		 * default.
		 * @param clientSecret the client secret
		 * @return this builder
		 */
		public Builder clientSecret(String clientSecret) {
			this.clientSecret = Objects.requireNonNull(clientSecret, "'clientSecret' must not be null");
			return this;
		}

		/**
		 * Set the Aria client number of the {@code client_no} claim; {@code 7000213} by
		 * default.
		 * @param clientNo the client number
		 * @return this builder
		 */
		public Builder clientNo(String clientNo) {
			this.clientNo = Objects.requireNonNull(clientNo, "'clientNo' must not be null");
			return this;
		}

		/**
		 * Set the account number of the {@code account_no} claim, or {@code null} for
		 * tokens without one; {@code 12345} by default.
		 * @param accountNo the account number or {@code null}
		 * @return this builder
		 */
		public Builder accountNo(@Nullable String accountNo) {
			this.accountNo = accountNo;
			return this;
		}

		/**
		 * Set the lifetime of issued tokens; one hour by default, changeable later with
		 * {@link AriaStandIn#setTokenLifetime(Duration)}.
		 * @param tokenLifetime the lifetime, zero or more
		 * @return this builder
		 */
		public Builder tokenLifetime(Duration tokenLifetime) {
			this.tokenLifetime = checkLifetime(tokenLifetime);
			return this;
		}

		/**
		 * Set whether token responses leave out {@code expires_in}; {@code false} by
		 * default.
		 * @param omitExpiresIn whether to leave out {@code expires_in}
		 * @return this builder
		 */
		public Builder omitExpiresIn(boolean omitExpiresIn) {
			this.omitExpiresIn = omitExpiresIn;
			return this;
		}

		/**
		 * Set the clock that dates tokens and judges their expiry; the system clock by
		 * default.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
			return this;
		}

		/**
		 * Set how long after accepting a v3 request its callback is posted; none by
		 * default.
		 * @param callbackDelay the delay, zero or more
		 * @return this builder
		 */
		public Builder callbackDelay(Duration callbackDelay) {
			Objects.requireNonNull(callbackDelay, "'callbackDelay' must not be null");
			if (callbackDelay.isNegative()) {
				throw new IllegalArgumentException("'callbackDelay' must not be negative");
			}
			this.callbackDelay = callbackDelay;
			return this;
		}

		/**
		 * Build a stand-in, not yet started.
		 * @return the stand-in
		 */
		public AriaStandIn build() {
			return new AriaStandIn(this);
		}

	}

}
