/**
 * Sample application that asks Aria's Billie a question through aria-auth's clients.
 */
@NullMarked
package io.github.ariaauth.sample;

import org.jspecify.annotations.NullMarked;
