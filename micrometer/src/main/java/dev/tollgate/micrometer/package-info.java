/**
 * Micrometer meters of Tollgate decisions and ledger failures. The entry type is
 * {@link dev.tollgate.micrometer.TollgateMetrics}: a {@link dev.tollgate.DecisionListener} to give an
 * engine's builder and a Micrometer {@code MeterBinder}.
 */
package dev.tollgate.micrometer;
