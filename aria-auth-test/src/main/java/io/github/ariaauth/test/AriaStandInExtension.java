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
 *
 * @since 0.1.0
 */
public final class AriaStandInExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

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
		this.builder = Objects.requireNonNull(builder, "'builder' must not be null");
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
		return parameterContext.getParameter().getType() == AriaStandIn.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return standIn();
	}

}
