package io.github.ariaauth.autoconfigure;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.TestTokens;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code aria.auth.token.ssl-bundle} against a token endpoint served over https on
 * loopback with a throw-away certificate for localhost ({@code src/test/resources/ssl},
 * made with {@code openssl req -x509}, good for a century and used nowhere else): the JVM
 * does not trust it, the bundle does.
 */
class SslBundleTokenEndpointTests {

	private static final String CERTIFICATE = "classpath:ssl/throwaway-localhost.crt";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, AriaAuthAutoConfiguration.class))
		.withPropertyValues("aria.auth.client-id=svc", "aria.auth.client-secret=key-of-the-account",
				"aria.auth.api-base-url=https://localhost:1",
				"spring.ssl.bundle.pem.aria-token.truststore.certificate=" + CERTIFICATE);

	@BeforeEach
	void serveOverHttps() {
		SslBundle serverBundle = SslBundle.of(new PemSslStoreBundle(
				PemSslStoreDetails.forCertificate(CERTIFICATE).withPrivateKey("classpath:ssl/throwaway-localhost.key"),
				null));
		this.server.useHttps(serverBundle.createSslContext().getSocketFactory());
	}

	@Test
	void untrustedCertificateFailsWithAHintAtTheTrustStoreAndTheBundle() {
		this.contextRunner.withPropertyValues(tokenUri()).run((context) -> {
			AriaAuthException failure = catchThrowableOfType(AriaAuthException.class,
					context.getBean(AriaTokenManager.class)::getToken);
			assertThat(failure).isNotNull();
			assertThat(failure.getErrorCode()).isEqualTo("connection_failed");
			assertThat(failure.getErrorDescription()).startsWith("SSLHandshakeException");
			assertThat(failure.getHint()).contains("trust store", "aria.auth.token.ssl-bundle");
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void bundleMakesTheCertificateTrustedForTokenRequests() {
		this.server.enqueue(TestTokens.tokenResponse("opaque-token", 3600));
		this.contextRunner.withPropertyValues(tokenUri(), "aria.auth.token.ssl-bundle=aria-token").run((context) -> {
			assertThat(context.getBean(AriaTokenManager.class).getToken().tokenValue()).isEqualTo("opaque-token");
			assertThat(this.server.getRequestCount()).isOne();
		});
	}

	@Test
	void startupFailsWhenTheBundleIsUnknown() {
		this.contextRunner.withPropertyValues(tokenUri(), "aria.auth.token.ssl-bundle=nope").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(AriaAuthConfigurationException.class)
				.hasMessageContaining("aria.auth.token.ssl-bundle")
				.hasMessageContaining("'nope'")
				.hasMessageContaining("[aria-token]");
		});
	}

	private String tokenUri() {
		String url = this.server.url("/realms/aria/protocol/openid-connect/token").toString();
		assertThat(url).startsWith("https://localhost:");
		return "aria.auth.token-uri=" + url;
	}

}
