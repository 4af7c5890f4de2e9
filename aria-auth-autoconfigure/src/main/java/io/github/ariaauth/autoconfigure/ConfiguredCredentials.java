package io.github.ariaauth.autoconfigure;

import java.util.function.Supplier;

import io.github.ariaauth.AriaClientCredentials;
import io.github.ariaauth.AriaClientCredentialsProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * A registration as configured at startup, and where its secret comes from from then on:
 * its {@code client-secret-file}, or its {@code client-secret} as the binder updates it
 * (a Spring Cloud refresh rebinds the same properties object).
 *
 * @param registration the Spring Security registration, with the secret read at startup
 * @param source the configured source of the secret from then on
 */
record ConfiguredCredentials(ClientRegistration registration, AriaClientCredentialsProvider source) {

	/**
	 * A source reading a secret property at each token request; {@code null} (the
	 * property unset or unusable for now) leaves the secret read last in use.
	 */
	static AriaClientCredentialsProvider property(Supplier<@Nullable String> secret) {
		return (registrationId) -> {
			String value = secret.get();
			return (value != null) ? AriaClientCredentials.clientSecret(value) : null;
		};
	}

	/**
	 * The source to give the token core: the application's credentials provider first,
	 * when it has one, then the configured source.
	 */
	AriaClientCredentialsProvider withApplication(@Nullable AriaClientCredentialsProvider application) {
		if (application == null) {
			return this.source;
		}
		AriaClientCredentialsProvider configured = this.source;
		return new AriaClientCredentialsProvider() {

			@Override
			public @Nullable AriaClientCredentials getCredentials(String registrationId) {
				AriaClientCredentials credentials = application.getCredentials(registrationId);
				return (credentials != null) ? credentials : configured.getCredentials(registrationId);
			}

			@Override
			public void credentialsRejected(String registrationId, AriaClientCredentials rejected) {
				application.credentialsRejected(registrationId, rejected);
				configured.credentialsRejected(registrationId, rejected);
			}

		};
	}

}
