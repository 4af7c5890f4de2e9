package io.github.ariaauth.test;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.github.ariaauth.test.StandInHttp.accessToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AriaStandInExtension} declared with {@code @ExtendWith}, nested
 * classes included.
 */
@ExtendWith(AriaStandInExtension.class)
class AriaStandInExtendWithTests {

	private AriaStandIn outer;

	@BeforeEach
	void capture(AriaStandIn standIn) {
		this.outer = standIn;
	}

	@Test
	void injectsRunningStandInWithDefaults(AriaStandIn standIn) throws Exception {
		assertThat(standIn.clientId()).isEqualTo("aria-test-client");
		assertThat(standIn.clientSecret()).isEqualTo("aria-test-secret");
		assertThat(standIn.clientNo()).isEqualTo("7000213");
		assertThat(standIn.accountNo()).isEqualTo("12345");
		assertThat(accessToken(standIn)).isEqualTo(standIn.issuedTokens().get(0));
	}

	@Nested
	class NestedTests {

		@Test
		void nestedClassSharesStandInOfOuterClass(AriaStandIn standIn) {
			assertThat(standIn).isSameAs(AriaStandInExtendWithTests.this.outer);
			assertThat(standIn.isStarted()).isTrue();
		}

	}

}
