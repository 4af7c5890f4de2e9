package io.github.ariaauth;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a registration authenticates its token requests with. Today that is a client
 * secret, sent the way the registration's client authentication method says
 * ({@code client_secret_post} or {@code client_secret_basic}).
 * <p>
 * Instances come from factory methods only, and every kind of credential has its own
 * nullable accessor: a later kind (a signed client assertion, RFC 7523, as Keycloak's
 * federated client authentication uses) arrives as a new factory method and accessor, so
 * that code creating or reading secrets keeps compiling and working. That is why this is
 * neither a record (whose constructor would change) nor a sealed hierarchy (whose
 * exhaustive switches would break).
 * <p>
 * {@link #toString()} never shows the secret.
 *
 * @since 0.1.0
 * @see AriaClientCredentialsProvider
 */
public final class AriaClientCredentials {

	private final @Nullable String clientSecret;

	private AriaClientCredentials(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	/**
	 * Credentials made of a client secret.
	 * @param clientSecret the secret, not blank; surrounding whitespace (a trailing
	 * newline of a file) is removed
	 * @return the credentials
	 */
	public static AriaClientCredentials clientSecret(String clientSecret) {
		Assert.hasText(clientSecret, "clientSecret must not be blank");
		return new AriaClientCredentials(clientSecret.strip());
	}

	/**
	 * Return the client secret.
	 * @return the secret, or {@code null} for credentials of another kind
	 */
	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof AriaClientCredentials that) && Objects.equals(this.clientSecret, that.clientSecret);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(this.clientSecret);
	}

	@Override
	public String toString() {
		return "AriaClientCredentials[" + ((this.clientSecret != null) ? "clientSecret=******" : "none") + "]";
	}

}
