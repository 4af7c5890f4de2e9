/**
 * Metrics and health of the aria-auth token, for Micrometer and Spring Boot's actuator.
 */
@NullMarked
package io.github.ariaauth.actuate;

import org.jspecify.annotations.NullMarked;
