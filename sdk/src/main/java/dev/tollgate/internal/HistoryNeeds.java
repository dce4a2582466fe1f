package dev.tollgate.internal;

import dev.tollgate.CallRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * How much of a person's history the loaded rules read: what a decision fetches from the ledger and what
 * pruning must keep.
 *
 * @param windows whether any rule counts earlier contacts at all
 * @param horizon how far back the longest spanned window reaches from a call (calendar days with a day's
 *     slack for the callee's zone); zero if none has a span
 * @param forever whether a window without a span ("ever") reads every earlier contact
 * @param keepForever the outcomes such windows count, which pruning never removes
 */
public record HistoryNeeds(boolean windows, Duration horizon, boolean forever, Set<CallRequest.Outcome> keepForever) {
  public HistoryNeeds {
    keepForever = Set.copyOf(keepForever);
  }

  /** The earliest contact a decision at {@code at} can count; null for all of them. */
  public Instant since(Instant at) {
    return forever ? null : at.minus(horizon);
  }
}
