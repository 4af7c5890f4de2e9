package io.github.ariaauth;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AriaHosts}.
 */
class AriaHostsTests {

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3", "127.0.0.255",
			"127.9.99.199", "::1", "[::1]", "0:0:0:0:0:0:0:1" })
	void loopbackHostsAreRecognised(String host) {
		assertThat(AriaHosts.isLoopback(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "example.com", "127.0.0.1.example.com", "localhost.example.com", "128.0.0.1", "127.0.0",
			"127.0.0.256", "127.0.0.0001", "0127.0.0.1", "127..0.1", "127.0.0.1.", "127.0.0.1.1", "10.0.0.1", "::2",
			"" })
	void otherHostsAreNotLoopback(String host) {
		assertThat(AriaHosts.isLoopback(host)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://billieconnect.ariasystems.net", "http://localhost:8080/x", "http://127.0.0.1:1",
			"http://[::1]:9/" })
	void httpsOrLoopbackHttpMayCarryTokens(String uri) {
		assertThat(AriaHosts.isSecureOrLoopback(URI.create(uri))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://billieconnect.ariasystems.net", "ftp://localhost/x", "mailto:someone@example.com",
			"/relative" })
	void plainHttpToOtherHostsMayNot(String uri) {
		assertThat(AriaHosts.isSecureOrLoopback(URI.create(uri))).isFalse();
	}

}
