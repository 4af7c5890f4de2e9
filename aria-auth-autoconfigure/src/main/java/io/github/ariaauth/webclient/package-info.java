/**
 * WebClient support: the exchange filter that adds the Aria bearer token and the
 * {@code aria} HTTP service group.
 */
@NullMarked
package io.github.ariaauth.webclient;

import org.jspecify.annotations.NullMarked;
