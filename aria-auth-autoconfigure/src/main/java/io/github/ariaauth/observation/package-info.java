/**
 * Micrometer observations of token requests.
 */
@NullMarked
package io.github.ariaauth.observation;

import org.jspecify.annotations.NullMarked;
