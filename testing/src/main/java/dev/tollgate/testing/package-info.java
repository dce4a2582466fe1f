/**
 * Runs the YAML tests that sit beside each rule pack. {@link dev.tollgate.testing.PackTests} turns every
 * test file into a JUnit 5 container and every case into a test, so an institution tests its own packs
 * in its own build exactly as the bundled packs are tested.
 */
package dev.tollgate.testing;
