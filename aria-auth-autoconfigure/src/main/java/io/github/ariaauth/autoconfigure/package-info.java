/**
 * Auto-configuration for aria-auth: properties, validation and the beans it registers.
 */
@NullMarked
package io.github.ariaauth.autoconfigure;

import org.jspecify.annotations.NullMarked;
