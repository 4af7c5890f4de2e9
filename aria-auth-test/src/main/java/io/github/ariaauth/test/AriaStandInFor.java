package io.github.ariaauth.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Picks, for an {@link AriaStandIn} parameter, the stand-in of the
 * {@link AriaStandInExtension} of a named registration, when a test class runs several:
 * <pre class="code">
 * &#64;Test
 * void eachAccountGetsItsOwnToken(AriaStandIn aria, &#64;AriaStandInFor("emea") AriaStandIn emea) {
 * </pre> A parameter without it gets the stand-in of the default registration.
 *
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AriaStandInFor {

	/**
	 * The name of the registration, as under {@code aria.auth.registrations}.
	 * @return the registration's name
	 */
	String value();

}
