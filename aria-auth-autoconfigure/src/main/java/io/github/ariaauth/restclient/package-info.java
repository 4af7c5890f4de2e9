/**
 * RestClient support: the interceptor that adds the Aria bearer token and the
 * {@code aria} HTTP service group.
 */
@NullMarked
package io.github.ariaauth.restclient;

import org.jspecify.annotations.NullMarked;
