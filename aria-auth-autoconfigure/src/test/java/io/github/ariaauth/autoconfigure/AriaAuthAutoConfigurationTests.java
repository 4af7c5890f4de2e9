package io.github.ariaauth.autoconfigure;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.TestTokens;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link AriaAuthAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class AriaAuthAutoConfigurationTests {

	private static final String[] CREDENTIALS = { "aria.auth.client-id=" + TestTokens.CLIENT_ID,
			"aria.auth.client-secret=" + TestTokens.CLIENT_SECRET };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class));

	@StartStop
	private final MockWebServer server = new MockWebServer();

	@Test
	void registersTheTokenCoreFromRegionAndStage() {
		this.contextRunner.withPropertyValues(CREDENTIALS)
			.withPropertyValues("aria.auth.region=aus", "aria.auth.stage=current")
			.run((context) -> {
				assertThat(context).hasSingleBean(AriaTokenManager.class).hasSingleBean(AriaEndpoints.class);
				AriaTokenManager manager = context.getBean(AriaTokenManager.class);
				assertThat(manager.getTokenUri()).isEqualTo(URI.create(
						"https://kauth.current.stage.aus.ariasystems.net/realms/aria/protocol/openid-connect/token"));
				assertThat(context.getBean(AriaEndpoints.class).apiBaseUrl())
					.isEqualTo(URI.create("https://billieconnect.current.stage.aus.ariasystems.net"));
				ClientRegistration registration = manager.getClientRegistration();
				assertThat(registration.getRegistrationId()).isEqualTo("aria");
				assertThat(registration.getAuthorizationGrantType())
					.isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
				assertThat(registration.getClientAuthenticationMethod())
					.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
				assertThat(registration.getClientId()).isEqualTo(TestTokens.CLIENT_ID);
			});
	}

	@Test
	void publishesNoSpringSecurityBeansThatWouldChangeTheHostApplication() {
		this.contextRunner.withPropertyValues(CREDENTIALS).withPropertyValues("aria.auth.region=us").run((context) -> {
			assertThat(context).hasSingleBean(AriaTokenManager.class)
				.doesNotHaveBean(ClientRegistrationRepository.class)
				.doesNotHaveBean(ReactiveClientRegistrationRepository.class)
				.doesNotHaveBean(OAuth2AuthorizedClientService.class)
				.doesNotHaveBean(OAuth2AuthorizedClientManager.class)
				.doesNotHaveBean(ReactiveOAuth2AuthorizedClientManager.class);
		});
	}

	@Test
	void basicAuthenticationScopesAndOverridesAreHonoured() {
		this.contextRunner.withPropertyValues(CREDENTIALS)
			.withPropertyValues("aria.auth.client-authentication-method=client-secret-basic",
					"aria.auth.scope=api,billing", "aria.auth.token-uri=https://auth.example.com/token",
					"aria.auth.api-base-url=https://api.example.com")
			.run((context) -> {
				ClientRegistration registration = context.getBean(AriaTokenManager.class).getClientRegistration();
				assertThat(registration.getClientAuthenticationMethod())
					.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
				assertThat(registration.getScopes()).containsExactlyInAnyOrder("api", "billing");
				assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo("https://auth.example.com/token");
				assertThat(context.getBean(AriaEndpoints.class).apiBaseUrl())
					.isEqualTo(URI.create("https://api.example.com"));
			});
	}

	@Test
	void oneUrlOverrideKeepsTheOtherFromTheRegion() {
		this.contextRunner.withPropertyValues(CREDENTIALS)
			.withPropertyValues("aria.auth.region=cph", "aria.auth.api-base-url=http://localhost:8089")
			.run((context) -> {
				AriaEndpoints endpoints = context.getBean(AriaEndpoints.class);
				assertThat(endpoints.tokenUri().getHost()).isEqualTo("kauth.cph.ariasystems.net");
				assertThat(endpoints.apiBaseUrl()).isEqualTo(URI.create("http://localhost:8089"));
			});
	}

	@Test
	void registersNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("aria.auth.enabled=false", "aria.auth.region=mars")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AriaTokenManager.class)
				.doesNotHaveBean(AriaEndpoints.class)
				.doesNotHaveBean(AriaAuthProperties.class));
	}

	@Test
	void userBeansWin() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(AriaTokenManager.class).hasSingleBean(AriaEndpoints.class);
			assertThat(context.getBean(AriaTokenManager.class)).isSameAs(context.getBean("myTokenManager"));
			assertThat(context.getBean(AriaEndpoints.class)).isSameAs(context.getBean("myEndpoints"));
		});
	}

	@Test
	void startupMakesNoTokenRequest() {
		this.contextRunner.withPropertyValues(CREDENTIALS)
			.withPropertyValues("aria.auth.token-uri=" + this.server.url("/token"),
					"aria.auth.api-base-url=" + this.server.url("/"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.server.getRequestCount()).isZero();
			});
	}

	@Test
	void worksInANonWebApplication() {
		this.server
			.enqueue(TestTokens.tokenResponse(TestTokens.jwt(Instant.now(), Instant.now().plusSeconds(3600)), 3600));
		try (ConfigurableApplicationContext context = application(WebApplicationType.NONE,
				"aria.auth.token-uri=" + this.server.url("/token"), "aria.auth.api-base-url=" + this.server.url("/"))) {
			AriaTokenManager manager = context.getBean(AriaTokenManager.class);
			assertThat(manager.getToken().claims().clientNo()).isEqualTo("7000213");
		}
	}

	@Test
	void startupCheckFetchesATokenWhenEnabled(CapturedOutput output) {
		this.server
			.enqueue(TestTokens.tokenResponse(TestTokens.jwt(Instant.now(), Instant.now().plusSeconds(3600)), 3600));
		try (ConfigurableApplicationContext context = application(WebApplicationType.NONE,
				"aria.auth.startup-check=true", "aria.auth.token-uri=" + this.server.url("/token"),
				"aria.auth.api-base-url=" + this.server.url("/"))) {
			assertThat(this.server.getRequestCount()).isEqualTo(1);
			assertThat(output).contains("startup check passed").contains("7000213");
		}
	}

	@Test
	void startupCheckFailureStopsStartupWithTheReason(CapturedOutput output) {
		this.server.enqueue(TestTokens.json(401, "{\"error\":\"invalid_client\"}"));

		assertThatException().isThrownBy(() -> application(WebApplicationType.NONE, "aria.auth.startup-check=true",
				"aria.auth.token-uri=" + this.server.url("/token"), "aria.auth.api-base-url=" + this.server.url("/")));

		assertThat(output)
			.contains("APPLICATION FAILED TO START", "could not obtain a token at startup", "HTTP 401",
					"invalid_client", "aria.auth.client-id", "aria.auth.startup-check=false")
			.doesNotContain(TestTokens.CLIENT_SECRET);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					aria.auth.region=mars                             | aria.auth.region     | mars             | US, AUS, SGP, CPH
					aria.auth.stage=staging                           | aria.auth.stage      | staging          | PROD, CURRENT, FUTURE
					aria.auth.client-authentication-method=jwt        | aria.auth.client-authentication-method | jwt | CLIENT_SECRET_POST, CLIENT_SECRET_BASIC
					aria.auth.token-uri=http://kauth.example.com/t     | aria.auth.token-uri  | 'http://kauth.example.com/t' | an absolute https URL
					aria.auth.api-base-url=http://billie.example.com   | aria.auth.api-base-url | 'http://billie.example.com' | an absolute https URL
					aria.auth.token-uri=not a url                     | aria.auth.token-uri  | 'not a url'      | an absolute https URL
					aria.auth.token.read-timeout=0s                   | aria.auth.token.read-timeout | PT0S      | a positive duration
					""")
	void startupFailsWithHelpfulMessageForABadValue(String property, String name, String value, String valid,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> application(WebApplicationType.NONE, "aria.auth.region=us", property));

		assertThat(output).contains("APPLICATION FAILED TO START", name, value).contains(valid.split(", "));
	}

	@Test
	void startupFailsWithHelpfulMessageWhenRegionIsMissing(CapturedOutput output) {
		assertThatException().isThrownBy(() -> application(WebApplicationType.NONE, "aria.auth.stage=prod"));

		assertThat(output).contains("APPLICATION FAILED TO START", "Property: aria.auth.region", "Value: (not set)",
				"us, aus, sgp, cph", "aria.auth.token-uri and aria.auth.api-base-url");
	}

	@Test
	void startupFailsWithHelpfulMessageWhenClientIdIsMissing(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(EmptyApplication.class).bannerMode(Banner.Mode.OFF)
				.web(WebApplicationType.NONE)
				.properties("aria.auth.region=us", "aria.auth.client-secret=" + TestTokens.CLIENT_SECRET)
				.run());

		assertThat(output).contains("APPLICATION FAILED TO START", "Property: aria.auth.client-id", "Value: (not set)",
				"the Billie service account ID");
		assertThat(output).doesNotContain(TestTokens.CLIENT_SECRET);
	}

	@Test
	void startupFailsWithHelpfulMessageWhenClientSecretIsBlank(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(EmptyApplication.class).bannerMode(Banner.Mode.OFF)
				.web(WebApplicationType.NONE)
				.properties("aria.auth.region=us", "aria.auth.client-id=" + TestTokens.CLIENT_ID,
						"aria.auth.client-secret= ")
				.run());

		assertThat(output).contains("APPLICATION FAILED TO START", "Property: aria.auth.client-secret",
				"Value: (blank)", "the Billie service account key");
	}

	@Test
	void urlCredentialsAreMaskedInTheFailure(CapturedOutput output) {
		assertThatException().isThrownBy(() -> application(WebApplicationType.NONE,
				"aria.auth.token-uri=https://user:hunter2@kauth.example.com/t",
				"aria.auth.api-base-url=https://api.example.com"));

		assertThat(output).contains("Property: aria.auth.token-uri", "******@kauth.example.com")
			.doesNotContain("hunter2");
	}

	@Test
	void configurationMetadataDescribesTheProperties() throws Exception {
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).isNotNull();
			String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(json).contains("\"aria.auth.region\"", "\"io.github.ariaauth.AriaRegion\"",
					"\"aria.auth.stage\"", "\"aria.auth.client-secret\"", "\"aria.auth.token.refresh-window\"",
					"Client secret: the Billie service account key.");
		}
	}

	private ConfigurableApplicationContext application(WebApplicationType type, String... properties) {
		return new SpringApplicationBuilder(EmptyApplication.class).bannerMode(Banner.Mode.OFF)
			.web(type)
			.properties(CREDENTIALS)
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EmptyApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		AriaEndpoints myEndpoints() {
			return new AriaEndpoints(URI.create("https://auth.example.com/token"),
					URI.create("https://api.example.com"));
		}

		@Bean
		AriaTokenManager myTokenManager() {
			return AriaTokenManager
				.builder(ClientRegistration.withRegistrationId("aria")
					.clientId("mine")
					.clientSecret("mine")
					.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
					.tokenUri("https://auth.example.com/token")
					.build())
				.build();
		}

	}

}
