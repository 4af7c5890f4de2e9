package io.github.ariaauth;

import org.springframework.util.Assert;

/**
 * How a client carries the tokens of one {@link AriaTokenManager}: the
 * {@code Authorization} header value, built once per token, and the 401 protocol. When
 * the API answers 401 to a token, the client reports it ({@link #rejected}), asks the
 * manager for a token again, resends once if that token is another one
 * ({@link #worthResending}), and reports how the resend was answered
 * ({@link #resendAnswered}): a new token rejected too means the token is not the problem,
 * and 401s then stop dropping tokens for a while, so an API that rejects everything
 * cannot flood the token endpoint. aria-auth's WebClient filter and RestClient
 * interceptor follow it; a client of your own can too.
 *
 * @since 0.1.0
 */
public final class AriaBearerProtocol {

	private final AriaTokenManager tokenManager;

	private final AriaBearerHeader header = new AriaBearerHeader();

	/**
	 * Create the protocol for a token manager.
	 * @param tokenManager the token manager
	 */
	public AriaBearerProtocol(AriaTokenManager tokenManager) {
		Assert.notNull(tokenManager, "tokenManager must not be null");
		this.tokenManager = tokenManager;
	}

	/**
	 * Return {@code "Bearer " + token.tokenValue()}, reusing the value built for the same
	 * token before (an Aria JWT is several hundred characters).
	 * @param token the token
	 * @return the header value
	 */
	public String headerValue(AriaAccessToken token) {
		return this.header.valueFor(token);
	}

	/**
	 * Report that the API answered 401 to a request that carried {@code sent}; the token
	 * is dropped unless 401s are paused (see {@link #resendAnswered}).
	 * @param sent the token the request carried
	 */
	public void rejected(AriaAccessToken sent) {
		this.tokenManager.invalidate(sent);
	}

	/**
	 * Whether a request rejected with {@code sent} is worth sending again with
	 * {@code fresh}: not when it is the same token (401s are paused), since the API would
	 * only repeat its 401.
	 * @param sent the token the API rejected
	 * @param fresh the token the manager gives now
	 * @return whether to resend
	 */
	public boolean worthResending(AriaAccessToken sent, AriaAccessToken fresh) {
		return !fresh.tokenValue().equals(sent.tokenValue());
	}

	/**
	 * Report how the API answered the resend.
	 * @param fresh the token the request was resent with
	 * @param rejectedAgain whether the API answered 401 again
	 */
	public void resendAnswered(AriaAccessToken fresh, boolean rejectedAgain) {
		this.tokenManager.resendAnswered(fresh, rejectedAgain);
	}

}
