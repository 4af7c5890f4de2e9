package io.github.ariaauth.test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.github.ariaauth.AriaTokenClaims;
import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AriaStandInMain}.
 */
class AriaStandInMainTests {

	@Test
	void printsTheSettingsAsYamlAndAsProperties() throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (AriaStandIn standIn = AriaStandInMain.start(new String[] { "0" },
				new PrintStream(output, true, StandardCharsets.UTF_8))) {
			String printed = output.toString(StandardCharsets.UTF_8);
			Map<String, String> expected = Map.of("aria.auth.token-uri", standIn.tokenUri(), "aria.auth.api-base-url",
					standIn.apiBaseUrl(), "aria.auth.client-id", "aria-test-client", "aria.auth.client-secret",
					"aria-test-secret");
			assertThat(yaml(section(printed, "# application.yml"))).isEqualTo(expected);
			assertThat(properties(section(printed, "# application.properties"))).isEqualTo(expected);
			assertThat(StandInHttp.requestToken(standIn).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void printsTheSettingsOfANamedRegistrationWithItsOwnClientNumber() throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (AriaStandIn standIn = AriaStandInMain.start(
				new String[] { "--registration=emea", "0", "--client-no=7000999" },
				new PrintStream(output, true, StandardCharsets.UTF_8))) {
			String printed = output.toString(StandardCharsets.UTF_8);
			String prefix = "aria.auth.registrations.emea.";
			Map<String, String> expected = Map.of(prefix + "token-uri", standIn.tokenUri(), prefix + "api-base-url",
					standIn.apiBaseUrl(), prefix + "client-id", "aria-test-client", prefix + "client-secret",
					"aria-test-secret");
			assertThat(yaml(section(printed, "# application.yml"))).isEqualTo(expected);
			assertThat(properties(section(printed, "# application.properties"))).isEqualTo(expected);
			assertThat(printed).contains("client_no 7000999");
			assertThat(standIn.clientNo()).isEqualTo("7000999");
			assertThat(AriaTokenClaims.decode(StandInHttp.accessToken(standIn)).clientNo()).isEqualTo("7000999");
		}
	}

	@Test
	void rejectsUnknownOptionsAndASecondPort() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AriaStandInMain.start(new String[] { "--client=7" }, System.out))
			.withMessageContaining("--client=7")
			.withMessageContaining("--client-no=");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AriaStandInMain.start(new String[] { "0", "1" }, System.out))
			.withMessageContaining("'1'");
	}

	/** The lines after a heading, up to the next blank line. */
	private static String section(String printed, String heading) {
		String rest = printed.substring(printed.indexOf(heading + System.lineSeparator()) + heading.length());
		return rest.strip().split("\\R\\R", 2)[0];
	}

	private static Map<String, String> yaml(String text) throws Exception {
		Map<String, String> values = new HashMap<>();
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("printed",
				new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)))) {
			for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
				values.put(name, String.valueOf(source.getProperty(name)));
			}
		}
		return values;
	}

	private static Map<String, String> properties(String text) throws Exception {
		Properties properties = new Properties();
		properties.load(new StringReader(text));
		Map<String, String> values = new HashMap<>();
		properties.stringPropertyNames().forEach((name) -> values.put(name, properties.getProperty(name)));
		return values;
	}

	@Test
	void rejectsPortThatIsNotNumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AriaStandInMain.start(new String[] { "eighty" }, System.out))
			.withMessageContaining("eighty");
	}

}
