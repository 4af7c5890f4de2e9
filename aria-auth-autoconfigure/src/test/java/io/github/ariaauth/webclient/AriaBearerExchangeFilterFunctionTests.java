package io.github.ariaauth.webclient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.AriaTokenTargets;
import io.github.ariaauth.MutableClock;
import io.github.ariaauth.TestTokens;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The filter on its own, with the API's answers made up: what the client tests of the
 * auto-configuration cannot see over HTTP, such as which answers it releases.
 */
class AriaBearerExchangeFilterFunctionTests {

	private static final URI API = URI.create("https://billieconnect.ariasystems.net/api/v2/converse");

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	@StartStop
	private final MockWebServer tokenEndpoint = new MockWebServer();

	private final MutableClock clock = new MutableClock(START);

	private final List<ClientRequest> sent = new ArrayList<>();

	private final List<AtomicInteger> released = new ArrayList<>();

	private AriaTokenManager manager;

	@BeforeEach
	void answerAtOnceWhenNoTokenIsQueued() {
		this.tokenEndpoint.setDispatcher(TestTokens.failingFastWhenNothingIsQueued());
	}

	@AfterEach
	void close() {
		if (this.manager != null) {
			this.manager.close();
		}
	}

	@Test
	void filterAndGroupConfigurerNeedWhatTheyAreBuiltFrom() {
		AriaTokenTargets targets = AriaTokenTargets.of(URI.create("https://billieconnect.ariasystems.net"), List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> new AriaBearerExchangeFilterFunction(null, targets))
			.withMessageContaining("tokenManager");
		ClientRegistration registration = TestTokens.registration("https://login.example/token");
		try (AriaTokenManager manager = AriaTokenManager.builder(registration).build()) {
			assertThatIllegalArgumentException().isThrownBy(() -> new AriaBearerExchangeFilterFunction(manager, null))
				.withMessageContaining("targets");
			AriaBearerExchangeFilterFunction filter = new AriaBearerExchangeFilterFunction(manager, targets);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new AriaWebClientHttpServiceGroupConfigurer(null, filter))
				.withMessageContaining("baseUrl");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new AriaWebClientHttpServiceGroupConfigurer(URI.create("https://b.example"), null))
				.withMessageContaining("filter");
		}
	}

	@Test
	void rejectedAnswerIsReleasedBeforeTheRequestIsResentWithTheNewToken() {
		this.tokenEndpoint.enqueue(token("first"));
		this.tokenEndpoint.enqueue(token("second"));
		ClientResponse response = filter()
			.filter(request(),
					(request) -> answer(request, this.sent.isEmpty() ? HttpStatus.UNAUTHORIZED : HttpStatus.OK))
			.block(Duration.ofSeconds(10));
		assertThat(response).isNotNull();
		assertThat(response.statusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.sent).extracting((request) -> request.headers().getFirst(HttpHeaders.AUTHORIZATION))
			.containsExactly("Bearer first", "Bearer second");
		assertThat(this.released).extracting(AtomicInteger::get).containsExactly(1, 0);
	}

	@Test
	void rejectedAnswerIsReleasedWhenNoNewTokenCanBeHad() {
		this.tokenEndpoint.enqueue(token("first"));
		this.tokenEndpoint.enqueue(TestTokens.json(503, "{}"));
		Throwable failure = catchThrowable(
				() -> filter().filter(request(), (request) -> answer(request, HttpStatus.UNAUTHORIZED))
					.block(Duration.ofSeconds(10)));
		assertThat(failure).isInstanceOf(AriaAuthException.class);
		assertThat(this.released).extracting(AtomicInteger::get).containsExactly(1);
	}

	private AriaBearerExchangeFilterFunction filter() {
		ClientRegistration registration = TestTokens.registration(this.tokenEndpoint.url("/token").toString());
		this.manager = AriaTokenManager.builder(registration).clock(this.clock).build();
		return new AriaBearerExchangeFilterFunction(this.manager, AriaTokenTargets.of(API, List.of()));
	}

	private MockResponse token(String value) {
		return TestTokens.tokenResponse(value, 3600);
	}

	private static ClientRequest request() {
		return ClientRequest.create(HttpMethod.GET, API).build();
	}

	/**
	 * An answer of the API whose body counts how often it is read or released.
	 */
	private Mono<ClientResponse> answer(ClientRequest request, HttpStatus status) {
		this.sent.add(request);
		AtomicInteger bodyTaken = new AtomicInteger();
		this.released.add(bodyTaken);
		Flux<DataBuffer> body = Flux.defer(() -> {
			bodyTaken.incrementAndGet();
			return Flux.empty();
		});
		return Mono.just(ClientResponse.create(status).body(body).build());
	}

}
