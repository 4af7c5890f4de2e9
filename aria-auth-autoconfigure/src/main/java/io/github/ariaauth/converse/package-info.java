/**
 * Typed client for Billie's Converse API: the v2 message envelope as records and HTTP
 * interfaces to send it.
 */
@NullMarked
package io.github.ariaauth.converse;

import org.jspecify.annotations.NullMarked;
