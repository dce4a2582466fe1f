/**
 * How packs are read: {@link dev.tollgate.rules.internal.YamlReader} turns hardened YAML into a tree of
 * located {@link dev.tollgate.rules.internal.Node}s, and {@link dev.tollgate.rules.internal.PackReader}
 * (with its condition and vocabulary readers) binds and checks it, collecting every {@link dev.tollgate.rules.Problem} before giving up.
 */
package dev.tollgate.rules.internal;
