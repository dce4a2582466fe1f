/**
 * The legal team's tools on the pack model, for the command and build plugins rather than for the engine:
 * {@link dev.tollgate.rules.tooling.PackLint} reports what is valid but probably wrong,
 * {@link dev.tollgate.rules.tooling.PackChanges} compares two versions of a pack, and
 * {@link dev.tollgate.rules.tooling.PackTestSuite} reads a pack's YAML test file.
 */
package dev.tollgate.rules.tooling;
