/**
 * The packs' YAML tests as JUnit 5 tests, and fluent assertions on decisions. Entry type:
 * {@link dev.tollgate.testing.PackTests}.
 *
 * <p>Exports {@code dev.tollgate.testing} only. {@code PackTests} returns JUnit's dynamic tests and the
 * reports name the rules' coverage types, so JUnit's API and the SDK are required transitively.
 */
module dev.tollgate.testing {
  requires transitive dev.tollgate.sdk;
  requires transitive org.junit.jupiter.api;
  requires org.opentest4j;

  exports dev.tollgate.testing;
}
