package io.github.ariaauth.restclient;

import java.net.URI;
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

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The interceptor on its own, with the API's answers made up: what the client tests over
 * HTTP cannot see, such as which answers it closes.
 */
class AriaBearerClientHttpRequestInterceptorTests {

	private static final URI API = URI.create("https://billieconnect.ariasystems.net/api/v2/converse");

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	@StartStop
	private final MockWebServer tokenEndpoint = new MockWebServer();

	private final MutableClock clock = new MutableClock(START);

	private final List<ClosedAnswer> answers = new ArrayList<>();

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
	void needsATokenManagerAndTargets() {
		AriaTokenTargets targets = AriaTokenTargets.of(API, List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> new AriaBearerClientHttpRequestInterceptor(null, targets))
			.withMessageContaining("tokenManager");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AriaBearerClientHttpRequestInterceptor(manager(), null))
			.withMessageContaining("targets");
	}

	@Test
	void groupConfigurerNeedsABaseUrlAndTheInterceptor() {
		AriaBearerClientHttpRequestInterceptor interceptor = interceptor();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AriaRestClientHttpServiceGroupConfigurer(null, interceptor))
			.withMessageContaining("baseUrl");
		assertThatIllegalArgumentException().isThrownBy(() -> new AriaRestClientHttpServiceGroupConfigurer(API, null))
			.withMessageContaining("interceptor");
	}

	@Test
	void rejectedAnswerIsClosedBeforeTheRequestIsResent() throws Exception {
		this.tokenEndpoint.enqueue(token());
		this.tokenEndpoint.enqueue(token());
		ClientHttpResponse response = interceptor().intercept(request(), new byte[0],
				(request, body) -> answer(this.answers.isEmpty() ? HttpStatus.UNAUTHORIZED : HttpStatus.OK));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.answers).hasSize(2);
		assertThat(this.answers.get(0).closed).hasValue(1);
		assertThat(this.answers.get(1).closed).hasValue(0);
	}

	@Test
	void rejectedAnswerIsClosedWhenNoNewTokenCanBeHad() {
		this.tokenEndpoint.enqueue(token());
		this.tokenEndpoint.enqueue(TestTokens.json(503, "{}"));
		AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, () -> interceptor()
			.intercept(request(), new byte[0], (request, body) -> answer(HttpStatus.UNAUTHORIZED)));
		assertThat(failure).isNotNull();
		assertThat(this.answers).singleElement().satisfies((answer) -> assertThat(answer.closed).hasValue(1));
	}

	private AriaBearerClientHttpRequestInterceptor interceptor() {
		return new AriaBearerClientHttpRequestInterceptor(manager(), AriaTokenTargets.of(API, List.of()));
	}

	private AriaTokenManager manager() {
		if (this.manager == null) {
			ClientRegistration registration = TestTokens.registration(this.tokenEndpoint.url("/token").toString());
			this.manager = AriaTokenManager.builder(registration).clock(this.clock).build();
		}
		return this.manager;
	}

	private MockResponse token() {
		return TestTokens.tokenResponse(TestTokens.jwt(this.clock.instant(), this.clock.instant().plusSeconds(3600)),
				3600);
	}

	private static MockClientHttpRequest request() {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, API);
		assertThat(request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		return request;
	}

	private ClosedAnswer answer(HttpStatus status) {
		ClosedAnswer answer = new ClosedAnswer(status);
		this.answers.add(answer);
		return answer;
	}

	/**
	 * An answer of the API that counts how often it was closed.
	 */
	private static final class ClosedAnswer extends MockClientHttpResponse {

		private final AtomicInteger closed = new AtomicInteger();

		ClosedAnswer(HttpStatus status) {
			super(new byte[0], status);
		}

		@Override
		public void close() {
			this.closed.incrementAndGet();
			super.close();
		}

	}

}
