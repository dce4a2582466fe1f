/**
 * Runnable integrations that use only the public API. {@link dev.tollgate.examples.FirstDecision} is the
 * five-minute start of the README; the build runs every example.
 */
package dev.tollgate.examples;
