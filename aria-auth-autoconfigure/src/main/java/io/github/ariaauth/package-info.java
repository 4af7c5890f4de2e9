/**
 * aria-auth public API: the token core, its values and the Aria region and stage
 * catalogue.
 */
@NullMarked
package io.github.ariaauth;

import org.jspecify.annotations.NullMarked;
