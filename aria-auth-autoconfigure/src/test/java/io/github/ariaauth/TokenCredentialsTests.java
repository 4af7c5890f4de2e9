package io.github.ariaauth;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenCredentials}: the registration each token request sends, and what
 * a rejection of its credentials leads to.
 */
class TokenCredentialsTests {

	private static final ClientRegistration CONFIGURED = ClientRegistration.withRegistrationId("billing")
		.clientId("client")
		.clientSecret("configured")
		.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
		.tokenUri("https://sso.example.com/token")
		.build();

	private final List<String> told = new ArrayList<>();

	private volatile String secret = "first";

	private volatile boolean providerFails;

	private final AriaClientCredentialsProvider provider = new AriaClientCredentialsProvider() {
		@Override
		public AriaClientCredentials getCredentials(String registrationId) {
			if (TokenCredentialsTests.this.providerFails) {
				throw new IllegalStateException("vault down");
			}
			String current = TokenCredentialsTests.this.secret;
			return (current != null) ? AriaClientCredentials.clientSecret(current) : null;
		}

		@Override
		public void credentialsRejected(String registrationId, AriaClientCredentials rejected) {
			TokenCredentialsTests.this.told.add(registrationId + ":" + rejected.getClientSecret());
		}
	};

	@Test
	void withoutAProviderTheConfiguredRegistrationIsSentAsItIs() {
		TokenCredentials credentials = new TokenCredentials(CONFIGURED, null);

		assertThat(credentials.registration()).isSameAs(CONFIGURED);
		assertThat(credentials.lastRegistration()).isSameAs(CONFIGURED);
		assertThat(credentials.takeChanged()).isFalse();
	}

	@Test
	void providersSecretIsSentAndANewRegistrationMadeOnlyWhenItChanges() {
		TokenCredentials credentials = new TokenCredentials(CONFIGURED, this.provider);

		ClientRegistration first = credentials.registration();
		assertThat(first.getClientSecret()).isEqualTo("first");
		assertThat(first.getClientId()).isEqualTo("client");
		assertThat(credentials.takeChanged()).isTrue();
		assertThat(credentials.takeChanged()).as("taken").isFalse();
		assertThat(credentials.registration()).isSameAs(first).isSameAs(credentials.lastRegistration());
		assertThat(credentials.takeChanged()).isFalse();

		this.secret = null;
		assertThat(credentials.registration().getClientSecret()).as("no answer: the configured secret")
			.isEqualTo("configured");
		assertThat(credentials.takeChanged()).isTrue();
	}

	@Test
	void rejectedCredentialsThatTheProviderReplacedAreWorthASecondRequestAtOnce() {
		TokenCredentials credentials = new TokenCredentials(CONFIGURED, new AriaClientCredentialsProvider() {
			@Override
			public AriaClientCredentials getCredentials(String registrationId) {
				return AriaClientCredentials.clientSecret(TokenCredentialsTests.this.secret);
			}

			@Override
			public void credentialsRejected(String registrationId, AriaClientCredentials rejected) {
				TokenCredentialsTests.this.told.add(registrationId + ":" + rejected.getClientSecret());
				TokenCredentialsTests.this.secret = "second";
			}
		});
		ClientRegistration used = credentials.registration();

		assertThat(credentials.rejected(used)).isTrue();

		assertThat(this.told).containsExactly("billing:first");
		assertThat(credentials.awaitingNewCredentials()).isFalse();
		assertThat(credentials.rejectedReplaced()).isFalse();
		assertThat(credentials.registration().getClientSecret()).isEqualTo("second");
	}

	@Test
	void rejectedCredentialsStillInUseAwaitReplacementUntilTheyChangeOrATokenIsIssued() {
		TokenCredentials credentials = new TokenCredentials(CONFIGURED, this.provider);
		ClientRegistration used = credentials.registration();

		assertThat(credentials.rejected(used)).isFalse();

		assertThat(this.told).containsExactly("billing:first");
		assertThat(credentials.awaitingNewCredentials()).isTrue();
		assertThat(credentials.rejectedReplaced()).isFalse();
		this.secret = "rotated";
		assertThat(credentials.rejectedReplaced()).isTrue();
		assertThat(credentials.awaitingNewCredentials()).as("until a request uses them").isTrue();

		credentials.accepted();
		assertThat(credentials.awaitingNewCredentials()).isFalse();
		assertThat(credentials.rejectedReplaced()).isFalse();
	}

	@Test
	void waitForANewSecretIsToldOnceAtInfo() {
		TokenCredentials credentials = new TokenCredentials(CONFIGURED, this.provider);
		ClientRegistration used = credentials.registration();

		List<String> infos = CoreLogs.at(Level.INFO, CoreLogs.during(() -> {
			for (int i = 0; i < 3; i++) {
				credentials.rejected(used);
			}
		}));

		assertThat(infos).singleElement().asString().contains("'billing'", "waiting for a new secret");
		this.secret = "rotated";
		assertThat(CoreLogs.at(Level.INFO, CoreLogs.during(() -> credentials.rejected(used))))
			.as("replaced: nothing to wait for")
			.noneMatch((message) -> message.contains("waiting for a new secret"));
	}

	@Test
	void providerThatFailsWhenAskedOnACallersThreadKeepsTheBackoff() {
		TokenCredentials credentials = new TokenCredentials(CONFIGURED, this.provider);
		credentials.rejected(credentials.registration());

		this.providerFails = true;

		assertThat(credentials.rejectedReplaced()).isFalse();
		assertThat(credentials.awaitingNewCredentials()).isTrue();
	}

	@Test
	void providerThatFailsWhenToldOfARejectionIsStillAskedAgain() {
		TokenCredentials credentials = new TokenCredentials(CONFIGURED, new AriaClientCredentialsProvider() {
			@Override
			public AriaClientCredentials getCredentials(String registrationId) {
				return AriaClientCredentials.clientSecret(TokenCredentialsTests.this.secret);
			}

			@Override
			public void credentialsRejected(String registrationId, AriaClientCredentials rejected) {
				TokenCredentialsTests.this.secret = "second";
				throw new IllegalStateException("cache bug");
			}
		});

		assertThat(credentials.rejected(credentials.registration())).isTrue();
	}

	@Test
	void onlyARejectedClientIsWorthNewCredentials() {
		assertThat(TokenRequester.clientRejected(failure("invalid_client"))).isTrue();
		assertThat(TokenRequester.clientRejected(failure("unauthorized_client"))).isTrue();
		assertThat(TokenRequester.clientRejected(failure("invalid_scope"))).isFalse();
		assertThat(TokenRequester.clientRejected(failure(null))).isFalse();
	}

	private static AriaAuthException failure(String code) {
		return new AriaAuthException(java.net.URI.create("https://sso.example.com/token"), 401, code, "rejected",
				"hint", null, null);
	}

}
