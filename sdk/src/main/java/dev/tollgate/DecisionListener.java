package dev.tollgate;

/**
 * Told of every decision an engine makes, for meters, logs or traces, without the SDK depending on any
 * of them. Register with {@link PolicyEngine.Builder#listener}.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().bundledPacks()
 *     .listener((request, decision, nanos) -> timer.record(nanos, TimeUnit.NANOSECONDS))
 *     .build();
 * }</pre>
 *
 * <p>Called on the deciding thread, after the decision is made and before it is returned, by
 * {@link PolicyEngine#decide}, {@link PolicyEngine#decideJson} and {@link PolicyEngine#decideAndRecord},
 * for invalid requests too. A listener must therefore be thread-safe and fast: its time is added to
 * every decision. An exception it throws turns that decision into a DENY citing
 * {@code TOLLGATE-EVALUATION-ERROR} (or a {@link PolicyEvaluationException} if the engine throws on
 * errors), so no call is allowed that a listener failed to see; the other listeners are still told of
 * the original decision. For {@code decideAndRecord}, the call was recorded by then and counts as a
 * contact although the caller is told DENY: the safe side for a cap. An engine built to throw on errors
 * tells its listeners nothing of a decision that threw.
 */
@FunctionalInterface
public interface DecisionListener {

  /**
   * A decision was made.
   *
   * @param request the request as decided: for a call decided on the ledger, with the history the ledger
   *     supplied, so the decision can be replayed from it; null if the JSON given to
   *     {@link PolicyEngine#decideJson} could not be read as a request
   * @param decision the decision
   * @param nanos the decision's wall time in nanoseconds, reading the ledger and JSON included
   */
  void decided(Request request, Decision decision, long nanos);
}
