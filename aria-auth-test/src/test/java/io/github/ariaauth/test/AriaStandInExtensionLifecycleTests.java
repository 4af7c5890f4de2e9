package io.github.ariaauth.test;

import java.io.IOException;
import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the start and stop of the stand-in by {@link AriaStandInExtension}.
 */
class AriaStandInExtensionLifecycleTests {

	// the extension keeps its state itself, so any use of the context is a bug
	private final ExtensionContext context = (ExtensionContext) Proxy.newProxyInstance(getClass().getClassLoader(),
			new Class<?>[] { ExtensionContext.class }, (proxy, method, args) -> {
				throw new UnsupportedOperationException(method.getName());
			});

	@Test
	void standInIsUnavailableBeforeAll() {
		assertThatIllegalStateException().isThrownBy(() -> new AriaStandInExtension().standIn());
	}

	@Test
	void closesStandInAfterOutermostClassOnly() throws Exception {
		AriaStandInExtension extension = new AriaStandInExtension();
		extension.beforeAll(this.context);
		AriaStandIn standIn = extension.standIn();
		extension.beforeAll(this.context);
		assertThat(extension.standIn()).isSameAs(standIn);
		extension.afterAll(this.context);
		assertThat(StandInHttp.requestToken(standIn).statusCode()).isEqualTo(200);
		extension.afterAll(this.context);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> StandInHttp.requestToken(standIn));
		assertThatIllegalStateException().isThrownBy(extension::standIn);
	}

	@Test
	void startsFreshStandInForNextClass() {
		AriaStandInExtension extension = new AriaStandInExtension();
		extension.beforeAll(this.context);
		AriaStandIn first = extension.standIn();
		extension.afterAll(this.context);
		extension.beforeAll(this.context);
		try {
			assertThat(extension.standIn()).isNotSameAs(first);
			assertThat(extension.standIn().isStarted()).isTrue();
		}
		finally {
			extension.afterAll(this.context);
		}
	}

}
