/**
 * Micrometer meters of Tollgate decisions and ledger failures. Entry type:
 * {@link dev.tollgate.micrometer.TollgateMetrics}.
 *
 * <p>Exports {@code dev.tollgate.micrometer} only; it binds to a Micrometer {@code MeterRegistry}, so
 * Micrometer's core is required transitively.
 */
module dev.tollgate.micrometer {
  requires transitive dev.tollgate.sdk;
  requires transitive micrometer.core;

  exports dev.tollgate.micrometer;
}
