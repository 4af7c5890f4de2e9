package io.github.ariaauth.test;

import java.util.List;

import io.github.ariaauth.AriaTokenManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.event.EventPublishingTestExecutionListener;
import org.springframework.test.context.support.DirtiesContextTestExecutionListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link ResetAriaTokenStateTestExecutionListener}.
 */
class ResetAriaTokenStateTestExecutionListenerTests {

	@RegisterExtension
	static AriaStandInExtension aria = new AriaStandInExtension();

	private final ResetAriaTokenStateTestExecutionListener listener = new ResetAriaTokenStateTestExecutionListener();

	@Test
	void resetsEveryTokenManagerOfTheContextAndItsParents(AriaStandIn standIn) {
		try (GenericApplicationContext parent = new GenericApplicationContext();
				GenericApplicationContext child = new GenericApplicationContext()) {
			AriaTokenManager inParent = manager(standIn);
			AriaTokenManager first = manager(standIn);
			AriaTokenManager second = manager(standIn);
			parent.registerBean("ariaTokenManager", AriaTokenManager.class, () -> inParent);
			parent.refresh();
			child.setParent(parent);
			child.registerBean("ariaTokenManager", AriaTokenManager.class, () -> first);
			child.registerBean("ariaTokenManager-billing", AriaTokenManager.class, () -> second);
			child.refresh();
			List.of(inParent, first, second).forEach(AriaTokenManager::getToken);

			this.listener.beforeTestMethod(loaded(child));

			assertThat(List.of(inParent, first, second))
				.allSatisfy((manager) -> assertThat(manager.getCachedToken()).isEmpty());
		}
	}

	@Test
	void leavesAContextAloneThatIsNotLoaded() {
		TestContext testContext = mock(TestContext.class);
		given(testContext.hasApplicationContext()).willReturn(false);

		this.listener.beforeTestMethod(testContext);

		verify(testContext, never()).getApplicationContext();
	}

	@Test
	void keepsTheTokenStateWhenTurnedOff(AriaStandIn standIn) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.setEnvironment(new MockEnvironment().withProperty("aria.auth.test.reset-token-state", "false"));
			AriaTokenManager manager = manager(standIn);
			context.registerBean(AriaTokenManager.class, () -> manager);
			context.refresh();
			manager.getToken();

			this.listener.beforeTestMethod(loaded(context));

			assertThat(manager.getCachedToken()).isPresent();
		}
	}

	@Test
	void isADefaultListenerOrderedAfterDirtiesContextAndBeforeTestEvents() {
		assertThat(SpringFactoriesLoader.loadFactoryNames(TestExecutionListener.class, getClass().getClassLoader()))
			.contains(ResetAriaTokenStateTestExecutionListener.class.getName());
		assertThat(this.listener.getOrder()).isGreaterThan(new DirtiesContextTestExecutionListener().getOrder())
			.isLessThan(new EventPublishingTestExecutionListener().getOrder());
	}

	private static TestContext loaded(GenericApplicationContext context) {
		TestContext testContext = mock(TestContext.class);
		given(testContext.hasApplicationContext()).willReturn(true);
		given(testContext.getApplicationContext()).willReturn(context);
		return testContext;
	}

	private static AriaTokenManager manager(AriaStandIn standIn) {
		return AriaTokenManager
			.builder(ClientRegistration.withRegistrationId("aria")
				.clientId(standIn.clientId())
				.clientSecret(standIn.clientSecret())
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenUri(standIn.tokenUri())
				.build())
			.build();
	}

}
