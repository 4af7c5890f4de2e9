package io.github.ariaauth.observation;

import java.net.URI;

import io.github.ariaauth.AriaAuthException;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one token request knows: the registration, the endpoint and,
 * once it has ended, its failure. Never the client secret or a token.
 *
 * @since 0.1.0
 */
public class AriaTokenRequestContext extends Observation.Context {

	private final String registrationId;

	private final URI tokenUri;

	private @Nullable AriaAuthException failure;

	/**
	 * Create a new instance.
	 * @param registrationId the registration the token is for
	 * @param tokenUri the token endpoint
	 */
	public AriaTokenRequestContext(String registrationId, URI tokenUri) {
		this.registrationId = registrationId;
		this.tokenUri = tokenUri;
	}

	/**
	 * Return the registration the token is requested for.
	 * @return the registration id
	 */
	public String getRegistrationId() {
		return this.registrationId;
	}

	/**
	 * Return the token endpoint.
	 * @return the token endpoint
	 */
	public URI getTokenUri() {
		return this.tokenUri;
	}

	/**
	 * Return why the request failed.
	 * @return the failure, or {@code null} while the request runs or when it succeeded
	 */
	public @Nullable AriaAuthException getFailure() {
		return this.failure;
	}

	/**
	 * Record why the request failed.
	 * @param failure the failure
	 */
	public void setFailure(@Nullable AriaAuthException failure) {
		this.failure = failure;
	}

}
