package io.github.ariaauth.test;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that runs an {@link AriaStandIn} for the tests of a class.
 * <p>
 * The stand-in starts before all tests and closes after them; before each test its
 * counters, recorded tokens, callback deliveries, pending faults and token settings are
 * reset. Test and lifecycle methods may declare an {@code AriaStandIn} parameter. Use it
 * with {@code @ExtendWith(AriaStandInExtension.class)}, or as a field to configure the
 * stand-in and reach it from a {@code @DynamicPropertySource} method: <pre class="code">
 * &#64;RegisterExtension
 * static AriaStandInExtension aria = new AriaStandInExtension();
 *
 * &#64;DynamicPropertySource
 * static void ariaProperties(DynamicPropertyRegistry registry) {
 *     AriaStandInProperties.register(registry, aria);
 * }
 * </pre>
 * <p>
 * For a named registration ({@code aria.auth.registrations.<name>}), give the extension
 * its name:
 * {@code new AriaStandInExtension("emea", AriaStandIn.builder().clientNo("7000999"))}.
 * {@code AriaStandInProperties.register(registry, extension)} then points that
 * registration at it, and parameters annotated {@code @AriaStandInFor("emea")} get it, so
 * that several stand-ins run side by side in one test class.
 *
 * @since 0.1.0
 */
public final class AriaStandInExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

	private final String registration;

	private final AriaStandIn.Builder builder;

	private @Nullable AriaStandIn standIn;

	private int depth;

	/**
	 * Create an extension for a stand-in with the defaults of
	 * {@link AriaStandIn.Builder}.
	 */
	public AriaStandInExtension() {
		this(AriaStandIn.builder());
	}

	/**
	 * Create an extension for stand-ins built by the given builder, one per test class.
	 * @param builder the builder of the stand-in
	 */
	public AriaStandInExtension(AriaStandIn.Builder builder) {
		this(AriaStandInProperties.DEFAULT_REGISTRATION, builder);
	}

	/**
	 * Create an extension for a stand-in of a named registration, with the defaults of
	 * {@link AriaStandIn.Builder}.
	 * @param registration the name of the registration, as under
	 * {@code aria.auth.registrations}
	 */
	public AriaStandInExtension(String registration) {
		this(registration, AriaStandIn.builder());
	}

	/**
	 * Create an extension for stand-ins of a named registration built by the given
	 * builder, one per test class.
	 * @param registration the name of the registration, as under
	 * {@code aria.auth.registrations}
	 * @param builder the builder of the stand-in
	 */
	public AriaStandInExtension(String registration, AriaStandIn.Builder builder) {
		this.registration = AriaStandInProperties.checkRegistration(registration);
		this.builder = Objects.requireNonNull(builder, "'builder' must not be null");
	}

	/**
	 * The name of the registration whose stand-in this is.
	 * @return the registration's name, {@code aria} for the default registration
	 */
	public String registration() {
		return this.registration;
	}

	/**
	 * The running stand-in.
	 * @return the stand-in
	 * @throws IllegalStateException outside the tests of the class that registered the
	 * extension
	 */
	public synchronized AriaStandIn standIn() {
		if (this.standIn == null) {
			throw new IllegalStateException("The Aria stand-in runs only while the tests of its class run");
		}
		return this.standIn;
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		// nested test classes inherit the extension: keep the stand-in of the outermost
		// class
		if (this.depth++ == 0) {
			this.standIn = this.builder.build().start();
		}
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (--this.depth == 0 && this.standIn != null) {
			this.standIn.close();
			this.standIn = null;
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		standIn().resetAll();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (parameterContext.getParameter().getType() != AriaStandIn.class) {
			return false;
		}
		// One resolver per parameter, whatever number of stand-ins a class runs.
		String wanted = parameterContext.findAnnotation(AriaStandInFor.class)
			.map(AriaStandInFor::value)
			.orElse(AriaStandInProperties.DEFAULT_REGISTRATION);
		return wanted.equals(this.registration);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return standIn();
	}

}
