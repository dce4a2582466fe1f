/**
 * The decision log: evidence of every decision, masked, hash-chained and signed at checkpoints, so that
 * it can be verified and replayed months later. {@link dev.tollgate.decisionlog.DecisionLog} writes it,
 * {@link dev.tollgate.decisionlog.LogVerifier} checks it and {@link dev.tollgate.decisionlog.LogReplay}
 * decides its requests again.
 */
package dev.tollgate.decisionlog;
