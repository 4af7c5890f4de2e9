package io.github.ariaauth;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AriaTokenTargetsTests {

	private final AriaTokenTargets targets = AriaTokenTargets.of(URI.create("https://billieconnect.ariasystems.net"),
			List.of("api.example.com", "localhost:8080", "[::1]:9090"));

	@Test
	void apiHostOnItsPortIsAllowed() {
		assertThat(this.targets.allows(URI.create("https://billieconnect.ariasystems.net/api/v2/converse"))).isTrue();
		assertThat(this.targets.allows(URI.create("https://BillieConnect.AriaSystems.net:443/x"))).isTrue();
	}

	@Test
	void apiHostOnAnotherPortOrOverPlainHttpIsNotAllowed() {
		assertThat(this.targets.allows(URI.create("https://billieconnect.ariasystems.net:8443/x"))).isFalse();
		assertThat(this.targets.allows(URI.create("http://billieconnect.ariasystems.net/x"))).isFalse();
	}

	@Test
	void otherHostsAreNotAllowed() {
		assertThat(this.targets.allows(URI.create("https://evil.example.net/x"))).isFalse();
		assertThat(this.targets.allows(URI.create("https://billieconnect.ariasystems.net.evil.example/x"))).isFalse();
	}

	@Test
	void allowedHostWithoutPortMatchesAnyPortOverHttpsOnly() {
		assertThat(this.targets.allows(URI.create("https://api.example.com:8443/x"))).isTrue();
		assertThat(this.targets.allows(URI.create("http://api.example.com/x"))).isFalse();
	}

	@Test
	void loopbackHostMayUsePlainHttpOnItsPort() {
		assertThat(this.targets.allows(URI.create("http://localhost:8080/x"))).isTrue();
		assertThat(this.targets.allows(URI.create("http://localhost:8081/x"))).isFalse();
		assertThat(this.targets.allows(URI.create("http://[::1]:9090/x"))).isTrue();
	}

	@Test
	void uriWithoutHostIsNotAllowed() {
		assertThat(this.targets.allows(URI.create("/relative"))).isFalse();
	}

	@Test
	void apiBaseUrlMustNameAHost() {
		assertThatIllegalArgumentException().isThrownBy(() -> AriaTokenTargets.of(URI.create("/relative"), List.of()))
			.withMessage("apiBaseUrl must name a host");
	}

	@Test
	void toStringNamesEveryTargetWithItsPortIfOneIsFixed() {
		assertThat(this.targets).hasToString(
				"AriaTokenTargets[billieconnect.ariasystems.net:443, api.example.com, localhost:8080, [::1]:9090]");
	}

	@Test
	void malformedAllowedHostIsRejected() {
		URI api = URI.create("https://billieconnect.ariasystems.net");
		assertThatIllegalArgumentException().isThrownBy(() -> AriaTokenTargets.of(api, List.of("https://a.example")));
		assertThatIllegalArgumentException().isThrownBy(() -> AriaTokenTargets.of(api, List.of("a.example/path")));
		assertThatIllegalArgumentException().isThrownBy(() -> AriaTokenTargets.of(api, List.of(" ")));
	}

}
