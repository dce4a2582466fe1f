package dev.tollgate.internal.history;

import dev.tollgate.CallRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * How much of a person's history the loaded rules read: what a decision fetches from the ledger and what
 * pruning must keep. A decision at {@code at} counts the contacts at or after {@link #since since(at)} and,
 * however old, those whose outcome is in {@code keepForever}; nothing else.
 *
 * @param windows whether any rule counts earlier contacts at all
 * @param horizon how far back the longest spanned window reaches from a call (calendar days with a day's
 *     slack for the callee's zone); zero if none has a span
 * @param keepForever the outcomes that windows without a span ("ever") count, which a decision reads
 *     however old they are and pruning never removes; empty if every window has a span
 */
public record HistoryNeeds(boolean windows, Duration horizon, Set<CallRequest.Outcome> keepForever) {
  public HistoryNeeds {
    keepForever = Set.copyOf(keepForever);
  }

  /** The earliest contact a decision at {@code at} counts whatever its outcome. */
  public Instant since(Instant at) {
    return at.minus(horizon);
  }
}
