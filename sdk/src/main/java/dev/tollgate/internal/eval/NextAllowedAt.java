package dev.tollgate.internal.eval;

import dev.tollgate.Request;
import dev.tollgate.internal.ContactRequests;
import dev.tollgate.internal.FactExtractor;
import dev.tollgate.internal.history.RequestHistory;
import dev.tollgate.internal.history.Windows;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Function;

/**
 * For a call denied only by temporal rules, the earliest time the same call would pass with no contact
 * in between.
 *
 * <p>Immutable and thread-safe.
 */
final class NextAllowedAt {
  /** How many times a call is re-decided at a later candidate time before giving up. */
  private static final int ATTEMPTS = 10;

  private final CompiledRule[] rules;
  private final Windows windows;

  NextAllowedAt(CompiledRule[] rules, Windows windows) {
    this.rules = rules;
    this.windows = windows;
  }

  /**
   * Null when a rule that waiting cannot change also denies, or no such time is found within a few steps.
   * Each step moves to the latest of the denying rules' next change points (the end of a quiet period,
   * the moment a window frees up, the callee's next midnight), since none of them can stop denying
   * earlier, and decides the call again there.
   *
   * @param run the call's evaluation, which denied
   * @param again evaluates the call moved to another time, on the same history
   */
  OffsetDateTime of(Request call, Evaluator.Run run, RequestHistory history, Function<Request, Evaluator.Run> again) {
    Request current = call;
    Evaluator.Run r = run;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Instant candidate = null;
      for (int m : r.matches()) {
        if (!rules[m].finding().denies()) {
          continue;
        }
        Instant change = changePoint(m, current, history);
        if (change == null) {
          return null;
        }
        candidate = candidate == null || change.isAfter(candidate) ? change : candidate;
      }
      if (candidate == null) {
        return null;
      }
      current = ContactRequests.at(call, candidate);
      r = again.apply(current);
      if (!r.deny()) {
        return current.at();
      }
    }
    return null;
  }

  /** The earliest moment after the call's time at which a rule's answer may change; null if waiting cannot change it. */
  private Instant changePoint(int rule, Request call, RequestHistory history) {
    Timing timing = rules[rule].timing();
    if (!timing.temporal()) {
      return null;
    }
    Instant best = null;
    if (!timing.times().isEmpty() || timing.daily()) {
      ZoneId zone = FactExtractor.calleeZone(call);
      ZonedDateTime local = call.at().atZoneSameInstant(zone);
      for (LocalTime t : timing.times()) {
        ZonedDateTime p = local.toLocalDate().atTime(t).atZone(zone);
        best = earlier(best, (p.isAfter(local) ? p : local.toLocalDate().plusDays(1).atTime(t).atZone(zone)).toInstant());
      }
      if (timing.daily()) {
        best = earlier(best, local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant());
      }
    }
    for (int[] w : timing.windows()) {
      Instant release = history == null ? null : windows.release(w[0], w[1], call, history);
      if (release != null) {
        best = earlier(best, release);
      }
    }
    return best;
  }

  /** The earlier of two instants, the first of which may be null. */
  private static Instant earlier(Instant best, Instant candidate) {
    return best == null || candidate.isBefore(best) ? candidate : best;
  }
}
