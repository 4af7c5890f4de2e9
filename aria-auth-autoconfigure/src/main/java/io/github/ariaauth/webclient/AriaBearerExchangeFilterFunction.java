package io.github.ariaauth.webclient;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaBearerProtocol;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.AriaTokenTargets;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * {@link ExchangeFilterFunction} that sends the Aria bearer token with requests to
 * allowed targets and, when the API answers 401 to that token, drops it and resends the
 * request once with a fresh one (unless new tokens are being rejected too, see
 * {@link AriaBearerProtocol}).
 * <p>
 * Requests that already carry an {@code Authorization} header, and requests to other
 * hosts, pass unchanged. Never blocks: the token comes from
 * {@link AriaTokenManager#getTokenMono()}. A resent request writes its body again, so the
 * body must be re-writable (as bodies set with {@code bodyValue(...)} are).
 *
 * @since 0.1.0
 */
public final class AriaBearerExchangeFilterFunction implements ExchangeFilterFunction {

	private final AriaTokenManager tokenManager;

	private final AriaTokenTargets targets;

	private final AriaBearerProtocol protocol;

	/**
	 * Create a filter.
	 * @param tokenManager the source of tokens
	 * @param targets which requests may carry the token
	 */
	public AriaBearerExchangeFilterFunction(AriaTokenManager tokenManager, AriaTokenTargets targets) {
		// The protocol rejects a null tokenManager, with the same message a check here
		// would give.
		this.protocol = new AriaBearerProtocol(tokenManager);
		Assert.notNull(targets, "targets must not be null");
		this.tokenManager = tokenManager;
		this.targets = targets;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (request.headers().containsHeader(HttpHeaders.AUTHORIZATION) || !this.targets.allows(request.url())) {
			return next.exchange(request);
		}
		AriaAccessToken cached = this.tokenManager.getTokenIfAvailable();
		if (cached != null) {
			return exchange(request, next, cached);
		}
		return this.tokenManager.getTokenMono().flatMap((token) -> exchange(request, next, token));
	}

	private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, AriaAccessToken token) {
		return next.exchange(withToken(request, token))
			.flatMap((response) -> (response.statusCode().value() != HttpStatus.UNAUTHORIZED.value())
					? Mono.just(response) : resend(request, next, token, response));
	}

	private Mono<ClientResponse> resend(ClientRequest request, ExchangeFunction next, AriaAccessToken rejected,
			ClientResponse response) {
		this.protocol.rejected(rejected);
		// While invalidation is paused because new tokens are rejected too, the same
		// token comes back: resending
		// would only repeat the 401, so the caller gets it.
		return this.tokenManager.getTokenMono()
			.onErrorResume((ex) -> response.releaseBody().then(Mono.error(ex)))
			.flatMap((fresh) -> !this.protocol.worthResending(rejected, fresh) ? Mono.just(response)
					: response.releaseBody().then(resendWith(request, next, fresh)));
	}

	private Mono<ClientResponse> resendWith(ClientRequest request, ExchangeFunction next, AriaAccessToken fresh) {
		return next.exchange(withToken(request, fresh))
			.doOnNext((resent) -> this.protocol.resendAnswered(fresh,
					resent.statusCode().value() == HttpStatus.UNAUTHORIZED.value()));
	}

	private ClientRequest withToken(ClientRequest request, AriaAccessToken token) {
		String header = this.protocol.headerValue(token);
		return ClientRequest.from(request).headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, header)).build();
	}

}
