package io.github.ariaauth.restclient;

import java.io.IOException;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaBearerProtocol;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.AriaTokenTargets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * {@link ClientHttpRequestInterceptor} that sends the Aria bearer token with requests to
 * allowed targets and, when the API answers 401 to that token, drops it and resends the
 * request once with a fresh one (unless new tokens are being rejected too, see
 * {@link AriaBearerProtocol}).
 * <p>
 * Requests that already carry an {@code Authorization} header, and requests to other
 * hosts, pass unchanged. Blocks while a token is fetched (from
 * {@link AriaTokenManager#getToken()}), so don't use it on an event loop.
 *
 * @since 0.1.0
 */
public final class AriaBearerClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final AriaTokenManager tokenManager;

	private final AriaTokenTargets targets;

	private final AriaBearerProtocol protocol;

	/**
	 * Create an interceptor.
	 * @param tokenManager the source of tokens
	 * @param targets which requests may carry the token
	 */
	public AriaBearerClientHttpRequestInterceptor(AriaTokenManager tokenManager, AriaTokenTargets targets) {
		// The protocol rejects a null tokenManager, with the same message a check here
		// would give.
		this.protocol = new AriaBearerProtocol(tokenManager);
		Assert.notNull(targets, "targets must not be null");
		this.tokenManager = tokenManager;
		this.targets = targets;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION) || !this.targets.allows(request.getURI())) {
			return execution.execute(request, body);
		}
		AriaAccessToken token = this.tokenManager.getToken();
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, this.protocol.headerValue(token));
		ClientHttpResponse response = execution.execute(request, body);
		if (response.getStatusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
			return response;
		}
		this.protocol.rejected(token);
		AriaAccessToken fresh;
		try {
			fresh = this.tokenManager.getToken();
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
		if (!this.protocol.worthResending(token, fresh)) {
			// Invalidation is paused because new tokens are rejected too: resending would
			// only repeat the 401, so
			// the caller gets it.
			return response;
		}
		response.close();
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, this.protocol.headerValue(fresh));
		ClientHttpResponse resent = execution.execute(request, body);
		this.protocol.resendAnswered(fresh, resent.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value());
		return resent;
	}

}
