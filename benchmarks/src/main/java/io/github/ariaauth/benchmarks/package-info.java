/**
 * Benchmarks comparing aria-auth with Spring Security's stock client-credentials path and
 * with no authentication.
 */
package io.github.ariaauth.benchmarks;
