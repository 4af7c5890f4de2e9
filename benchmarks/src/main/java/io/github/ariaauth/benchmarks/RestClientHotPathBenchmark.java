package io.github.ariaauth.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaTokenManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Figure 1, blocking stack: the cost of attaching a cached token in a RestClient
 * interceptor, with a no-op downstream. Every method builds a fresh request, so the floor
 * includes that too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RestClientHotPathBenchmark {

	private final Stubs stubs = new Stubs();

	private TokenServer tokenServer;

	private AriaTokenManager manager;

	private AriaTokenManager observedManager;

	private ClientHttpRequestInterceptor noAuth;

	private ClientHttpRequestInterceptor fixedHeader;

	private ClientHttpRequestInterceptor aria;

	private ClientHttpRequestInterceptor springSecurity;

	@Setup
	public void setUp() throws IOException {
		this.tokenServer = new TokenServer(Duration.ZERO, 3600);
		this.manager = Contenders.ariaManager(this.tokenServer.tokenUri());
		this.observedManager = Contenders.observedAriaManager(this.tokenServer.tokenUri());
		this.noAuth = Contenders.noAuthInterceptor();
		this.fixedHeader = Contenders.fixedHeaderInterceptor(TokenServer.jwt(0, 3600));
		this.aria = Contenders.ariaInterceptor(this.manager, Stubs.API);
		this.springSecurity = Contenders.springInterceptor(this.tokenServer.tokenUri(),
				Contenders.SPRING_DEFAULT_CLOCK_SKEW);
		// Both caches hold a token before measuring starts.
		this.aria.intercept(Stubs.request(), Stubs.NO_BODY, this.stubs.execution);
		this.springSecurity.intercept(Stubs.request(), Stubs.NO_BODY, this.stubs.execution);
		this.observedManager.getToken();
	}

	@TearDown
	public void tearDown() {
		this.manager.close();
		this.observedManager.close();
		this.tokenServer.close();
	}

	@Benchmark
	public ClientHttpResponse noAuth() throws IOException {
		return this.noAuth.intercept(Stubs.request(), Stubs.NO_BODY, this.stubs.execution);
	}

	@Benchmark
	public ClientHttpResponse fixedHeader() throws IOException {
		return this.fixedHeader.intercept(Stubs.request(), Stubs.NO_BODY, this.stubs.execution);
	}

	@Benchmark
	public ClientHttpResponse aria() throws IOException {
		return this.aria.intercept(Stubs.request(), Stubs.NO_BODY, this.stubs.execution);
	}

	@Benchmark
	public ClientHttpResponse springSecurity() throws IOException {
		return this.springSecurity.intercept(Stubs.request(), Stubs.NO_BODY, this.stubs.execution);
	}

	/** The core alone: {@link AriaTokenManager#getToken()} with a cached token. */
	@Benchmark
	public AriaAccessToken ariaCoreGetToken() {
		return this.manager.getToken();
	}

	/**
	 * The core alone: {@link AriaTokenManager#getTokenIfAvailable()} with a cached token.
	 */
	@Benchmark
	public AriaAccessToken ariaCoreGetTokenIfAvailable() {
		return this.manager.getTokenIfAvailable();
	}

	/**
	 * The core alone with an {@code ObservationRegistry} that observes everything: the
	 * cached path must not notice it.
	 */
	@Benchmark
	public AriaAccessToken ariaCoreGetTokenObserved() {
		return this.observedManager.getToken();
	}

}
