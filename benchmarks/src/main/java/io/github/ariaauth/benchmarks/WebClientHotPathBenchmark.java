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

import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Figure 1, reactive stack: the cost of attaching a cached token in a WebClient filter,
 * with an exchange function that answers {@code Mono.just(cannedResponse)}. Every method
 * builds a fresh request and subscribes with {@code block()}, so the floor includes both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WebClientHotPathBenchmark {

	private final Stubs stubs = new Stubs();

	private TokenServer tokenServer;

	private AriaTokenManager manager;

	private ExchangeFilterFunction noAuth;

	private ExchangeFilterFunction fixedHeader;

	private ExchangeFilterFunction aria;

	private ExchangeFilterFunction springSecurity;

	@Setup
	public void setUp() throws IOException {
		this.tokenServer = new TokenServer(Duration.ZERO, 3600);
		this.manager = Contenders.ariaManager(this.tokenServer.tokenUri());
		this.noAuth = Contenders.noAuthFilter();
		this.fixedHeader = Contenders.fixedHeaderFilter(TokenServer.jwt(0, 3600));
		this.aria = Contenders.ariaFilter(this.manager, Stubs.API);
		this.springSecurity = Contenders.springFilter(this.tokenServer.tokenUri(),
				Contenders.SPRING_DEFAULT_CLOCK_SKEW);
		this.aria.filter(Stubs.clientRequest(), this.stubs.exchange).block(Duration.ofSeconds(30));
		this.springSecurity.filter(Stubs.clientRequest(), this.stubs.exchange).block(Duration.ofSeconds(30));
	}

	@TearDown
	public void tearDown() {
		this.manager.close();
		this.tokenServer.close();
	}

	@Benchmark
	public ClientResponse noAuth() {
		return this.noAuth.filter(Stubs.clientRequest(), this.stubs.exchange).block();
	}

	@Benchmark
	public ClientResponse fixedHeader() {
		return this.fixedHeader.filter(Stubs.clientRequest(), this.stubs.exchange).block();
	}

	@Benchmark
	public ClientResponse aria() {
		return this.aria.filter(Stubs.clientRequest(), this.stubs.exchange).block();
	}

	@Benchmark
	public ClientResponse springSecurity() {
		return this.springSecurity.filter(Stubs.clientRequest(), this.stubs.exchange).block();
	}

	/** The core alone: {@link AriaTokenManager#getTokenMono()} with a cached token. */
	@Benchmark
	public AriaAccessToken ariaCoreGetTokenMono() {
		return this.manager.getTokenMono().block();
	}

}
