package io.github.ariaauth.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.TestTokens;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Registrations configured the way production does it: an application.yml file and real
 * environment variables (Boot's {@code systemEnvironment} property source, and a child
 * JVM with a real process environment), in every form Spring Boot reads them.
 */
@ExtendWith(OutputCaptureExtension.class)
class AriaRegistrationEnvironmentTests {

	private static final Pattern VARIABLE = Pattern.compile("ARIA_AUTH_[A-Z0-9_]+");

	private static final String README_YAML = """
			aria:
			  auth:
			    region: us
			    client-id: ${ARIA_AUTH_CLIENT_ID}
			    client-secret: ${ARIA_AUTH_CLIENT_SECRET}
			    registrations:
			      emea-portal:
			        region: cph
			        client-id: ${ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID}
			        client-secret: ${ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_SECRET}
			""";

	private static final String DECLARED_ONLY = """
			aria:
			  auth:
			    registrations:
			      emea-portal:
			        region: cph
			""";

	@TempDir
	Path directory;

	@Test
	void readmesYamlWithItsVariablesSetBindsOneRegistrationUnderItsDashedName() throws IOException {
		try (ConfigurableApplicationContext context = run(README_YAML,
				Map.of("ARIA_AUTH_CLIENT_ID", "default-id", "ARIA_AUTH_CLIENT_SECRET", "default-secret",
						"ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID", "emea-id",
						"ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_SECRET", "emea-secret"))) {
			assertThat(context.getBean(AriaRegistrations.class).names()).containsExactly("aria", "emea-portal");
			assertThat(credentials(context, "emea-portal")).containsExactly("emea-id", "emea-secret");
			assertThat(context.containsBean("ariaRestClient-emea-portal")).isTrue();
			assertThat(context.getBeanNamesForType(AriaTokenManager.class))
				.containsExactlyInAnyOrder("ariaTokenManager", "ariaTokenManager-emea-portal");
			assertThat(context.getEnvironment().getProperty("spring.http.serviceclient.aria-emea-portal.redirects"))
				.isEqualTo("dont-follow");
			assertThat(context.getEnvironment().getProperty("spring.http.serviceclient.aria-emea.redirects")).isNull();
		}
	}

	@Test
	void variablesInBootsUnderscoreAndCanonicalFormsBindToTheDeclaredRegistration() throws IOException {
		for (Map<String, String> variables : List.of(
				Map.of("ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID", "emea-id",
						"ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_SECRET", "emea-secret"),
				Map.of("ARIA_AUTH_REGISTRATIONS_EMEAPORTAL_CLIENTID", "emea-id",
						"ARIA_AUTH_REGISTRATIONS_EMEAPORTAL_CLIENTSECRET", "emea-secret"),
				Map.of("ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID", "emea-id",
						"ARIA_AUTH_REGISTRATIONS_EMEAPORTAL_CLIENTSECRET", "emea-secret"))) {
			try (ConfigurableApplicationContext context = run(DECLARED_ONLY, variables)) {
				// The canonical form reads as registration 'emeaportal' too: one
				// registration, named as declared.
				assertThat(context.getBean(AriaRegistrations.class).names()).as("%s", variables.keySet())
					.containsExactly("emea-portal");
				assertThat(credentials(context, "emea-portal")).containsExactly("emea-id", "emea-secret");
				assertThat(context.containsBean("ariaRestClient-emeaportal")).isFalse();
			}
		}
	}

	@Test
	void registrationsDeclaredByVariablesAloneBind() throws IOException {
		try (ConfigurableApplicationContext context = run("",
				Map.of("ARIA_AUTH_REGISTRATIONS_SECOND_REGION", "sgp", "ARIA_AUTH_REGISTRATIONS_SECOND_CLIENTID",
						"second-id", "ARIA_AUTH_REGISTRATIONS_SECOND_CLIENT_SECRET", "second-secret"))) {
			assertThat(context.getBean(AriaRegistrations.class).names()).containsExactly("second");
			assertThat(credentials(context, "second")).containsExactly("second-id", "second-secret");
		}
	}

	@Test
	void aVariableThatBindsToNothingStopsStartupNamingItAndTheVariablesThatWouldBind(CapturedOutput output)
			throws IOException {
		// Neither of Boot's forms: it reads as key 'portal.clientsecret' of registration
		// 'emea'.
		Throwable failure = failure(DECLARED_ONLY, Map.of("ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID", "emea-id",
				"ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENTSECRET", "emea-secret"));

		assertThat(failure).hasMessageContaining("ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENTSECRET")
			.hasMessageContaining("no registration 'emea'")
			.hasMessageNotContaining("emea-secret");
		assertThat(output).contains("Property: ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENTSECRET")
			.contains("Did you mean ARIA_AUTH_REGISTRATIONS_EMEAPORTAL_CLIENTSECRET or "
					+ "ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_SECRET?")
			.doesNotContain("emea-secret");
		// Each variable suggested binds.
		for (String suggested : variables(failure.getMessage().substring(failure.getMessage().indexOf("Did you")))) {
			try (ConfigurableApplicationContext context = run(DECLARED_ONLY,
					Map.of("ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID", "emea-id", suggested, "emea-secret"))) {
				assertThat(credentials(context, "emea-portal")).as(suggested).containsExactly("emea-id", "emea-secret");
			}
		}
	}

	@Test
	void aDashedNameCannotBeDeclaredByVariablesAloneAndStartupSaysHowToDeclareIt() throws IOException {
		Throwable failure = failure("", Map.of("ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_REGION", "cph"));

		assertThat(failure).hasMessageContaining("ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_REGION")
			.hasMessageContaining("no registration 'emea'")
			.hasMessageContaining("name it in application.yml");
	}

	@Test
	void aMistypedKeyOfARegistrationStopsStartupNamingIt(CapturedOutput output) throws IOException {
		Throwable failure = failure(DECLARED_ONLY + "        client-idd: emea-id\n", Map.of());

		assertThat(failure).isInstanceOf(AriaAuthUnboundPropertyException.class)
			.hasMessageContaining("aria.auth.registrations.emea-portal.client-idd")
			.hasMessageContaining("client-id");
		assertThat(output).contains("Property: aria.auth.registrations.emea-portal.client-idd")
			.contains("application.yml");
	}

	@Test
	void theVariablesThatStartupFailuresNameBindWhenSet() throws IOException {
		// A registration without credentials, then the default registration without
		// them.
		for (String yaml : List.of(DECLARED_ONLY, "aria:\n  auth:\n    region: us\n")) {
			Throwable failure = failure(yaml, Map.of());
			Set<String> named = variables(failure.getMessage());
			assertThat(named).as(failure.getMessage()).hasSize(2);
			Map<String, String> variables = new LinkedHashMap<>();
			named.forEach((variable) -> variables.put(variable, "value-of-" + variable));
			try (ConfigurableApplicationContext context = run(yaml, variables)) {
				AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
				String name = registrations.names().iterator().next();
				assertThat(credentials(context, name)).containsExactlyElementsOf(variables.values());
			}
		}
	}

	@Test
	void theVariablesThatATokenFailureHintNamesBindWhenSet() throws IOException {
		String hint;
		try (MockWebServer rejecting = new MockWebServer()) {
			rejecting.enqueue(TestTokens.json(401, "{\"error\":\"invalid_client\"}"));
			rejecting.start();
			ClientRegistration registration = ClientRegistration.withRegistrationId("emea-portal")
				.clientId("emea-id")
				.clientSecret("wrong")
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenUri(rejecting.url("/token").toString())
				.build();
			try (AriaTokenManager manager = AriaTokenManager.builder(registration).build()) {
				hint = catchThrowableOfType(AriaAuthException.class, manager::getToken).getHint();
			}
		}
		Map<String, String> variables = new LinkedHashMap<>();
		variables(hint).forEach((variable) -> variables.put(variable, "value-of-" + variable));
		assertThat(variables).as(hint).hasSize(2);

		try (ConfigurableApplicationContext context = run(DECLARED_ONLY, variables)) {
			assertThat(credentials(context, "emea-portal")).containsExactlyElementsOf(variables.values());
		}
	}

	@Test
	void withReadmesYamlAndOnlyTheNamedVariablesSetThereIsNoDefaultRegistrationAndTheLogSaysWhy(CapturedOutput output)
			throws IOException {
		try (ConfigurableApplicationContext context = run(README_YAML,
				Map.of("ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID", "emea-id",
						"ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_SECRET", "emea-secret"))) {
			AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
			assertThat(registrations.names()).containsExactly("emea-portal");
			assertThat(context.getBeanNamesForType(AriaTokenManager.class))
				.containsExactly("ariaTokenManager-emea-portal");
			assertThat(catchThrowable(() -> registrations.tokenManager("aria")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("aria.auth.client-id");
		}
		assertThat(output)
			.contains("no default registration 'aria', because aria.auth.client-id is "
					+ "${ARIA_AUTH_CLIENT_ID}, which resolves to nothing")
			.contains("set the environment variables ARIA_AUTH_CLIENTID and ARIA_AUTH_CLIENTSECRET");
	}

	@Test
	void withReadmesYamlOneDefaultCredentialSetAndTheOtherUnresolvedStartupFailsNamingTheMissingOne()
			throws IOException {
		Throwable failure = failure(README_YAML,
				Map.of("ARIA_AUTH_CLIENT_ID", "default-id", "ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID", "emea-id",
						"ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_SECRET", "emea-secret"));

		assertThat(failure).isInstanceOf(AriaAuthConfigurationException.class)
			.hasMessageContaining("aria.auth.client-secret")
			.hasMessageContaining("ARIA_AUTH_CLIENT_SECRET")
			.hasMessageNotContaining("emea-secret");
	}

	@Test
	void inAChildJvmWithARealProcessEnvironmentEveryFormBinds() throws Exception {
		Path yaml = Files.writeString(this.directory.resolve("application.yml"), DECLARED_ONLY);
		// The flags of the test JVMs (the parent pom's argLine): a short-lived JVM spends
		// less CPU with them.
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				ChildApplication.class.getName(), "--spring.config.location=file:" + yaml)
			.redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.startsWith("ARIA_"));
		environment.put("ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID", "emea-id");
		environment.put("ARIA_AUTH_REGISTRATIONS_EMEAPORTAL_CLIENTSECRET", "emea-secret");
		environment.put("ARIA_AUTH_REGISTRATIONS_SECOND_REGION", "sgp");
		environment.put("ARIA_AUTH_REGISTRATIONS_SECOND_CLIENTID", "second-id");
		environment.put("ARIA_AUTH_REGISTRATIONS_SECOND_CLIENT_SECRET", "second-secret");
		Process process = builder.start();
		String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

		assertThat(process.exitValue()).as(printed).isZero();
		assertThat(printed).containsPattern("names=\\[(emea-portal, second|second, emea-portal)]")
			.contains("emea-portal=[emea-id, emea-secret]")
			.contains("second=[second-id, second-secret]");
	}

	private ConfigurableApplicationContext run(String yaml, Map<String, String> variables) throws IOException {
		Path file = Files.writeString(Files.createTempDirectory(this.directory, "config").resolve("application.yml"),
				yaml);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
		return new SpringApplicationBuilder(Application.class).environment(environment)
			.bannerMode(Banner.Mode.OFF)
			.web(WebApplicationType.NONE)
			.run("--spring.config.location=file:" + file);
	}

	private Throwable failure(String yaml, Map<String, String> variables) {
		Throwable failure = catchThrowable(() -> run(yaml, variables).close());
		assertThat(failure).isNotNull();
		Throwable cause = failure;
		while (!(cause instanceof AriaAuthConfigurationException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static List<String> credentials(ConfigurableApplicationContext context, String name) {
		ClientRegistration registration = context.getBean(AriaRegistrations.class)
			.tokenManager(name)
			.getClientRegistration();
		return List.of(registration.getClientId(), registration.getClientSecret());
	}

	private static Set<String> variables(String message) {
		Set<String> variables = new LinkedHashSet<>();
		Matcher matcher = VARIABLE.matcher(message);
		while (matcher.find()) {
			variables.add(matcher.group());
		}
		return variables;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

	/**
	 * Started in a child JVM: prints what the registrations bound, never a secret's value
	 * unless it is the test's own.
	 */
	static final class ChildApplication {

		public static void main(String[] args) {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
				.bannerMode(Banner.Mode.OFF)
				.web(WebApplicationType.NONE)
				.run(args)) {
				AriaRegistrations registrations = context.getBean(AriaRegistrations.class);
				System.out.println("names=" + registrations.names());
				List<String> bound = new ArrayList<>();
				for (String name : registrations.names()) {
					bound.add(name + "=" + credentials(context, name));
				}
				System.out.println(bound);
			}
		}

	}

}
