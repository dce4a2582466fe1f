/**
 * The decision log: masked, hash-chained and signed evidence of every decision, with its verifier and
 * replay. Entry types: {@link dev.tollgate.decisionlog.DecisionLog}, {@link dev.tollgate.decisionlog.LogVerifier}
 * and {@link dev.tollgate.decisionlog.LogReplay}.
 *
 * <p>Exports {@code dev.tollgate.decisionlog} only. The RFC 8785 library has no module name of its own, so
 * it is required by the name the JVM derives from its jar's file name; see docs/adopting.md.
 */
module dev.tollgate.decisionlog {
  requires transitive dev.tollgate.sdk;
  requires com.fasterxml.jackson.databind;
  requires java.json.canonicalization;
  requires org.slf4j;

  exports dev.tollgate.decisionlog;
}
