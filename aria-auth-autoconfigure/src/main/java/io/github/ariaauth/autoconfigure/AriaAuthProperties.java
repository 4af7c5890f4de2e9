package io.github.ariaauth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.ariaauth.AriaRegion;
import io.github.ariaauth.AriaStage;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for aria-auth.
 */
@ConfigurationProperties("aria.auth")
public class AriaAuthProperties {

	/**
	 * Whether to enable aria-auth.
	 */
	private boolean enabled = true;

	/**
	 * Aria region hosting the tenant. Required unless both token-uri and api-base-url are set.
	 */
	private @Nullable AriaRegion region;

	/**
	 * Aria stage within the region.
	 */
	private AriaStage stage = AriaStage.PROD;

	/**
	 * Client ID: the Billie service account ID.
	 */
	private @Nullable String clientId;

	/**
	 * Client secret: the Billie service account key.
	 */
	private @Nullable String clientSecret;

	/**
	 * Token endpoint to use instead of the one of the region and stage.
	 */
	private @Nullable String tokenUri;

	/**
	 * Billie Connect API base URL to use instead of the one of the region and stage.
	 */
	private @Nullable String apiBaseUrl;

	/**
	 * Scopes to request with the token.
	 */
	private List<String> scope = new ArrayList<>();

	/**
	 * How the client authenticates to the token endpoint.
	 */
	private ClientAuthenticationMethod clientAuthenticationMethod = ClientAuthenticationMethod.CLIENT_SECRET_POST;

	/**
	 * Hosts that receive the bearer token besides the Billie Connect API host.
	 */
	private List<String> allowedHosts = new ArrayList<>();

	/**
	 * Whether to fetch a token while the application starts, failing startup if that fails.
	 */
	private boolean startupCheck = false;

	private final Token token = new Token();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable AriaRegion getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable AriaRegion region) {
		this.region = region;
	}

	public AriaStage getStage() {
		return this.stage;
	}

	public void setStage(AriaStage stage) {
		this.stage = stage;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public @Nullable String getTokenUri() {
		return this.tokenUri;
	}

	public void setTokenUri(@Nullable String tokenUri) {
		this.tokenUri = tokenUri;
	}

	public @Nullable String getApiBaseUrl() {
		return this.apiBaseUrl;
	}

	public void setApiBaseUrl(@Nullable String apiBaseUrl) {
		this.apiBaseUrl = apiBaseUrl;
	}

	public List<String> getScope() {
		return this.scope;
	}

	public void setScope(List<String> scope) {
		this.scope = scope;
	}

	public ClientAuthenticationMethod getClientAuthenticationMethod() {
		return this.clientAuthenticationMethod;
	}

	public void setClientAuthenticationMethod(ClientAuthenticationMethod clientAuthenticationMethod) {
		this.clientAuthenticationMethod = clientAuthenticationMethod;
	}

	public List<String> getAllowedHosts() {
		return this.allowedHosts;
	}

	public void setAllowedHosts(List<String> allowedHosts) {
		this.allowedHosts = allowedHosts;
	}

	public boolean isStartupCheck() {
		return this.startupCheck;
	}

	public void setStartupCheck(boolean startupCheck) {
		this.startupCheck = startupCheck;
	}

	public Token getToken() {
		return this.token;
	}

	@Override
	public String toString() {
		return "AriaAuthProperties[region=" + this.region + ", stage=" + this.stage + ", clientId=" + this.clientId
				+ ", clientSecret=" + ((this.clientSecret != null) ? "******" : null) + ", tokenUri=" + this.tokenUri
				+ ", apiBaseUrl=" + this.apiBaseUrl + "]";
	}

	/**
	 * How the client authenticates to the token endpoint (RFC 6749 section 2.3.1).
	 */
	public enum ClientAuthenticationMethod {

		/** Client ID and secret in the form body, as Aria documents. */
		CLIENT_SECRET_POST,

		/** Client ID and secret in an HTTP Basic header. */
		CLIENT_SECRET_BASIC

	}

	/**
	 * Timing of token requests and of the token cache.
	 */
	public static class Token {

		/**
		 * Connect timeout of token requests.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Read timeout of token requests.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		/**
		 * Longest time a caller waits for a token before failing.
		 */
		private Duration acquireTimeout = Duration.ofSeconds(30);

		/**
		 * Remaining lifetime at which a background refresh starts (at most half the token lifetime).
		 */
		private Duration refreshWindow = Duration.ofMinutes(5);

		/**
		 * Remaining lifetime below which a token is no longer sent (at most a tenth of the token lifetime).
		 */
		private Duration expiryMargin = Duration.ofSeconds(30);

		/**
		 * Lifetime assumed when the token response has no expires_in and the token no exp claim.
		 */
		private Duration defaultLifetime = Duration.ofMinutes(5);

		/**
		 * First delay before retrying a failed token request; doubles per failure, with jitter.
		 */
		private Duration initialBackoff = Duration.ofSeconds(1);

		/**
		 * Longest delay between retries of failed token requests.
		 */
		private Duration maxBackoff = Duration.ofMinutes(2);

		/**
		 * Longest delay between retries once no valid token is held, so that callers recover within seconds of
		 * the token endpoint's return; capped by max-backoff.
		 */
		private Duration maxBackoffWithoutToken = Duration.ofSeconds(2);

		/**
		 * Name of the SSL bundle for token requests (spring.ssl.bundle.*); the JVM's trust store otherwise.
		 */
		private @Nullable String sslBundle;

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getAcquireTimeout() {
			return this.acquireTimeout;
		}

		public void setAcquireTimeout(Duration acquireTimeout) {
			this.acquireTimeout = acquireTimeout;
		}

		public Duration getRefreshWindow() {
			return this.refreshWindow;
		}

		public void setRefreshWindow(Duration refreshWindow) {
			this.refreshWindow = refreshWindow;
		}

		public Duration getExpiryMargin() {
			return this.expiryMargin;
		}

		public void setExpiryMargin(Duration expiryMargin) {
			this.expiryMargin = expiryMargin;
		}

		public Duration getDefaultLifetime() {
			return this.defaultLifetime;
		}

		public void setDefaultLifetime(Duration defaultLifetime) {
			this.defaultLifetime = defaultLifetime;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getMaxBackoffWithoutToken() {
			return this.maxBackoffWithoutToken;
		}

		public void setMaxBackoffWithoutToken(Duration maxBackoffWithoutToken) {
			this.maxBackoffWithoutToken = maxBackoffWithoutToken;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

	}

}
