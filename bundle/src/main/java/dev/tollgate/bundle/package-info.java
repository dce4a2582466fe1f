/**
 * Signed bundles of rule packs, and engines fed from them at run time. {@link dev.tollgate.bundle.Bundle}
 * builds, signs (Ed25519 over the manifest) and verifies one archive; {@link dev.tollgate.bundle.BundleSource}
 * is the {@link dev.tollgate.PackSource} that watches a bundle file or polls a URL, refuses a bad bundle
 * and keeps the engine on the last good one.
 */
package dev.tollgate.bundle;
