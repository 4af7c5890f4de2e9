/**
 * Local stand-in for Aria's token endpoint and Billie Connect Converse API, for tests and
 * manual runs.
 */
@NullMarked
package io.github.ariaauth.test;

import org.jspecify.annotations.NullMarked;
