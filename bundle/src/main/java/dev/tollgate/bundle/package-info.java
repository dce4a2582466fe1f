/**
 * Signed bundles of rule packs. {@link dev.tollgate.bundle.Bundle} builds, signs (Ed25519 over the
 * manifest) and verifies one archive; {@link dev.tollgate.bundle.Keys} reads and writes the key pair.
 */
package dev.tollgate.bundle;
