/**
 * Signed bundles of rule packs, and the pack source that feeds an engine from them. Entry types:
 * {@link dev.tollgate.bundle.Bundle} and {@link dev.tollgate.bundle.BundleSource}.
 *
 * <p>Exports {@code dev.tollgate.bundle} only. A bundle's packs are tested with {@code tollgate-testing}
 * before they are accepted.
 */
module dev.tollgate.bundle {
  requires transitive dev.tollgate.sdk;
  requires dev.tollgate.testing;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;

  exports dev.tollgate.bundle;
}
