package io.github.ariaauth;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;

/**
 * One client-credentials token request through Spring Security, turned into an
 * {@link AriaAccessToken} or an {@link AriaAuthException}.
 */
final class TokenEndpointClient {

	// Aria issues hour-long tokens; anything claiming far more is treated as a day so a
	// typo cannot pin a token.
	static final Duration MAX_LIFETIME = Duration.ofDays(1);

	private final URI endpoint;

	private final Clock clock;

	private final Duration defaultLifetime;

	// Made on the first token request, not with the token core: Spring Security's client
	// builds a RestClient with two Jackson mappers of its own in its constructor before
	// ours replaces it, a noticeable share of starting a thousand registrations.
	private final SingletonSupplier<RestClientClientCredentialsTokenResponseClient> client;

	// The same without observation, for when an observation handler of the application
	// fails.
	private final SingletonSupplier<RestClientClientCredentialsTokenResponseClient> unobservedClient;

	// The status of the answer being read, for errors Spring reports without it (a 200
	// with a bad body).
	private final TokenEndpointHints hints;

	private final ThreadLocal<Integer> lastStatus = new ThreadLocal<>();

	// The client_secret parameter Spring Security put in the form, moved out of it (see
	// tokenResponseClient) until the encoded bytes are written.
	private final ThreadLocal<String> formSecret = new ThreadLocal<>();

	TokenEndpointClient(ClientRegistration registration, ClientHttpRequestFactory requestFactory, Clock clock,
			Duration defaultLifetime, ObservationRegistry observationRegistry) {
		this.hints = new TokenEndpointHints(registration.getRegistrationId());
		this.endpoint = URI.create(registration.getProviderDetails().getTokenUri());
		this.clock = clock;
		this.defaultLifetime = defaultLifetime;
		this.client = SingletonSupplier.of(() -> tokenResponseClient(requestFactory, observationRegistry));
		this.unobservedClient = observationRegistry.isNoop() ? this.client
				: SingletonSupplier.of(() -> tokenResponseClient(requestFactory, ObservationRegistry.NOOP));
	}

	private RestClientClientCredentialsTokenResponseClient tokenResponseClient(ClientHttpRequestFactory requestFactory,
			ObservationRegistry observationRegistry) {
		RestClient restClient = RestClient.builder()
			.requestFactory(requestFactory)
			.observationRegistry(observationRegistry)
			.messageConverters(TokenMessageConverters.forRequests())
			.defaultStatusHandler(new TokenEndpointErrorHandler(this.endpoint, this.clock, this.hints))
			.requestInterceptor((request, body, execution) -> {
				var response = execution.execute(request, body);
				this.lastStatus.set(response.getStatusCode().value());
				return response;
			})
			.requestInterceptor(this::addClientSecret)
			.build();
		RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
		client.setRestClient(restClient);
		// Spring's RestClient logs the form it writes at DEBUG, so the secret is kept out
		// of the form object and
		// added to the encoded bytes instead (client_secret_post); with
		// client_secret_basic it is in a header.
		client.setParametersCustomizer((parameters) -> {
			List<String> secret = parameters.remove(OAuth2ParameterNames.CLIENT_SECRET);
			if (secret != null && !secret.isEmpty()) {
				this.formSecret.set(secret.get(0));
			}
		});
		return client;
	}

	private ClientHttpResponse addClientSecret(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String clientSecret = this.formSecret.get();
		this.formSecret.remove();
		if (clientSecret == null) {
			return execution.execute(request, body);
		}
		byte[] secret = ((body.length > 0 ? "&" : "") + OAuth2ParameterNames.CLIENT_SECRET + "="
				+ URLEncoder.encode(clientSecret, StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8);
		byte[] form = Arrays.copyOf(body, body.length + secret.length);
		System.arraycopy(secret, 0, form, body.length, secret.length);
		HttpHeaders headers = HttpHeaders.copyOf(request.getHeaders());
		headers.setContentLength(form.length);
		return execution.execute(new HttpRequestWrapper(request) {
			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}
		}, form);
	}

	URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Refuse a registration this client must not send a secret for: another grant, or
	 * plain http off this machine.
	 */
	static void check(ClientRegistration registration) {
		String id = registration.getRegistrationId();
		Assert.isTrue(AuthorizationGrantType.CLIENT_CREDENTIALS.equals(registration.getAuthorizationGrantType()),
				() -> "registration '" + id + "' must use the client_credentials grant, not "
						+ registration.getAuthorizationGrantType().getValue());
		URI tokenUri = URI.create(registration.getProviderDetails().getTokenUri());
		Assert.isTrue(AriaHosts.isSecureOrLoopback(tokenUri),
				() -> "token URI of registration '" + id + "' must be https (http only for loopback hosts), not "
						+ tokenUri.getScheme() + "://" + tokenUri.getHost());
	}

	/**
	 * Request a token.
	 * @param observed whether the HTTP call is observed in the application's observation
	 * registry
	 * @param registration the registration to send, the configured one with the current
	 * credentials
	 */
	AriaAccessToken fetch(boolean observed, ClientRegistration registration) {
		this.lastStatus.remove();
		this.formSecret.remove();
		// expires_in counts from when the server issued the token, which is after the
		// request was sent: counting
		// from the answer's arrival would outlive the token by the request's duration.
		Instant requestedAt = this.clock.instant();
		try {
			OAuth2AccessTokenResponse response = (observed ? this.client : this.unobservedClient).obtain()
				.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration));
			return toToken(response, requestedAt);
		}
		catch (OAuth2AuthorizationException ex) {
			throw translate(ex);
		}
		finally {
			this.lastStatus.remove();
			this.formSecret.remove();
		}
	}

	private AriaAccessToken toToken(OAuth2AccessTokenResponse response, Instant receivedAt) {
		String value = response.getAccessToken().getTokenValue();
		AriaTokenClaims claims = AriaTokenClaims.decode(value);
		Object expiresIn = response.getAdditionalParameters().get(TokenResponseConverter.EXPIRES_IN);
		Duration lifetime = lifetime(receivedAt, (expiresIn instanceof Long seconds) ? seconds : null, claims);
		return new AriaAccessToken(value, receivedAt, receivedAt.plus(lifetime), response.getAccessToken().getScopes(),
				claims);
	}

	private Duration lifetime(Instant receivedAt, @Nullable Long expiresIn, AriaTokenClaims claims) {
		Duration lifetime;
		if (expiresIn != null) {
			lifetime = (expiresIn > MAX_LIFETIME.toSeconds()) ? MAX_LIFETIME : Duration.ofSeconds(expiresIn);
		}
		else if (claims.expiresAt() != null && claims.expiresAt().isAfter(receivedAt)) {
			lifetime = Duration.between(receivedAt, claims.expiresAt());
		}
		else {
			lifetime = this.defaultLifetime;
		}
		return (lifetime.compareTo(MAX_LIFETIME) > 0) ? MAX_LIFETIME : lifetime;
	}

	private AriaAuthException translate(OAuth2AuthorizationException ex) {
		Integer status = this.lastStatus.get();
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof TokenResponseConverter.InvalidTokenResponseException invalid) {
				return new AriaAuthException(this.endpoint, status, "invalid_token_response", invalid.getMessage(),
						this.hints.unreadableResponse(), null, null);
			}
			if (cause instanceof IOException io && !io.getClass().getName().startsWith("com.fasterxml.")) {
				boolean timeout = io instanceof SocketTimeoutException || io instanceof HttpTimeoutException;
				// I/O messages name hosts and ports, never bodies, so the cause is kept
				// for its stack trace.
				// (Jackson 2 parse errors are IOExceptions too, and they quote the body:
				// excluded above.)
				return new AriaAuthException(this.endpoint, status, timeout ? "timeout" : "connection_failed",
						io.getClass().getSimpleName() + ((io.getMessage() != null) ? ": " + io.getMessage() : ""),
						this.hints.unreachable(), null, io);
			}
		}
		// Spring's descriptions of unreadable bodies can quote the body, which may hold a
		// token: say only what failed.
		String description = (ex.getCause() == null) ? ex.getError().getDescription()
				: "the response is not a readable OAuth 2.0 token response (" + innermost(ex).getClass().getSimpleName()
						+ ")";
		return new AriaAuthException(this.endpoint, status, "invalid_token_response", description,
				this.hints.unreadableResponse(), null, null);
	}

	private static Throwable innermost(Throwable ex) {
		Throwable current = ex;
		while (current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		return current;
	}

}
