package io.github.ariaauth;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One Aria service account: where its token endpoint and API are, and its credentials.
 * The top level of {@code aria.auth} is one (the default registration), and so is each
 * entry of {@code aria.auth.registrations}.
 *
 * @since 0.1.0
 */
public class AriaRegistrationProperties {

	/**
	 * Aria region hosting the tenant. Required unless both token-uri and api-base-url are
	 * set.
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
	 * File holding the client secret, such as a Kubernetes secret volume's file; re-read
	 * when it changes. Set either this or client-secret.
	 */
	private @Nullable String clientSecretFile;

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

	public @Nullable String getClientSecretFile() {
		return this.clientSecretFile;
	}

	public void setClientSecretFile(@Nullable String clientSecretFile) {
		this.clientSecretFile = clientSecretFile;
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

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + describe() + "]";
	}

	/**
	 * Describe these settings for {@code toString()}, with the secret masked.
	 * @return the description
	 */
	protected String describe() {
		return "region=" + this.region + ", stage=" + this.stage + ", clientId=" + this.clientId + ", clientSecret="
				+ ((this.clientSecret != null) ? "******" : null) + ", clientSecretFile=" + this.clientSecretFile
				+ ", tokenUri=" + this.tokenUri + ", apiBaseUrl=" + this.apiBaseUrl;
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

}
