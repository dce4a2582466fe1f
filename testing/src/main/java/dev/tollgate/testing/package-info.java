/**
 * Runs the YAML tests that sit beside each rule pack and asserts on decisions.
 * {@link dev.tollgate.testing.PackTests} turns every test file into a JUnit 5 container and every case into
 * a test, or runs them all with rule coverage; {@link dev.tollgate.testing.DecisionAssert} gives CRM code
 * fluent assertions on a decision. An institution tests its own packs in its own build exactly as the
 * bundled packs are tested.
 */
package dev.tollgate.testing;
