package io.github.ariaauth.test;

import java.lang.reflect.Method;

import io.github.ariaauth.AriaTokenManager;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Gives each test method a clean aria-auth token state: before it runs, every
 * {@code AriaTokenManager} of the test's application context (and of its parents) forgets
 * its cached token, its last failure and any backoff, the way Spring resets Mockito mocks
 * between tests. Without it, a test that shares a cached context with an earlier one
 * would see that test's token, or its token endpoint failure until the backoff ended.
 * <p>
 * Registered through {@code META-INF/spring.factories}, so it is on wherever
 * {@code aria-auth-test} is on the test class path. Set
 * {@value #ENABLED_PROPERTY}{@code =false} in a test's environment (for example
 * {@code @SpringBootTest(properties = ...)} or
 * {@code src/test/resources/application.properties}) to keep the token state across the
 * test methods of that context. A context that is not loaded yet is left alone.
 *
 * @since 0.1.0
 */
public class ResetAriaTokenStateTestExecutionListener extends AbstractTestExecutionListener {

	/**
	 * Property that turns the reset off for a context when {@code false}.
	 */
	public static final String ENABLED_PROPERTY = "aria.auth.test.reset-token-state";

	/**
	 * After the listeners that may replace the context (dirties-context, 3000) and before
	 * those that run application code around a test method (transactions 4000, SQL
	 * scripts 5000, test events 10000), so that set-up code already sees the clean state.
	 */
	public static final int ORDER = 3500;

	private static final boolean TOKEN_MANAGER_PRESENT = ClassUtils.isPresent("io.github.ariaauth.AriaTokenManager",
			ResetAriaTokenStateTestExecutionListener.class.getClassLoader());

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!TOKEN_MANAGER_PRESENT || !testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.getEnvironment().getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
			TokenManagers.reset(context);
		}
	}

	/**
	 * Kept apart so that the listener loads without aria-auth on the class path.
	 */
	private static final class TokenManagers {

		// Not public API of the token core: a reset belongs to test support only.
		private static final Method RESET = resetMethod();

		private static Method resetMethod() {
			Method method = ReflectionUtils.findMethod(AriaTokenManager.class, "resetForTesting");
			Assert.state(method != null, "AriaTokenManager.resetForTesting() is missing: aria-auth and "
					+ "aria-auth-test must be of the same version");
			ReflectionUtils.makeAccessible(method);
			return method;
		}

		static void reset(ApplicationContext context) {
			// Context by context: a child's bean of the same name hides the parent's from
			// a hierarchy-wide lookup,
			// and the parent's beans still use theirs.
			for (ApplicationContext current = context; current != null; current = current.getParent()) {
				current.getBeansOfType(AriaTokenManager.class, false, false)
					.values()
					.forEach((manager) -> ReflectionUtils.invokeMethod(RESET, manager));
			}
		}

	}

}
