package dev.tollgate.internal;

import dev.tollgate.CallRequest;
import dev.tollgate.internal.facts.WindowSlots;
import dev.tollgate.rules.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the rolling windows of an engine's rules for one call, from its {@link ContactHistory}, and says
 * when a window next frees up. A window ends at the call's {@code at} (exclusive); a span of calendar days
 * starts at the callee's local midnight of the first day (the call's day is the last), and a duration
 * starts just after {@code at} minus the duration, so a contact exactly that long ago no longer counts.
 *
 * <p>Immutable and thread-safe.
 */
final class Windows {
  private final List<WindowSlots.Key> keys;

  Windows(WindowSlots slots) {
    this.keys = slots.keys();
  }

  int size() {
    return keys.size();
  }

  /** What these windows read of a person's history. */
  HistoryNeeds needs() {
    Duration horizon = Duration.ZERO;
    boolean forever = false;
    Set<CallRequest.Outcome> keep = EnumSet.noneOf(CallRequest.Outcome.class);
    for (WindowSlots.Key key : keys) {
      Condition.Window.Span span = key.within();
      if (span == null) {
        forever = true;
        if (key.count().outcomes().isEmpty()) {
          keep.addAll(EnumSet.allOf(CallRequest.Outcome.class));
        }
        key.count().outcomes().forEach(o -> keep.add(CallRequest.Outcome.valueOf(o)));
        continue;
      }
      Duration reach = span.duration() != null ? span.duration() : Duration.ofDays(span.calendarDays() + 1L);
      if (reach.compareTo(horizon) > 0) {
        horizon = reach;
      }
    }
    return new HistoryNeeds(!keys.isEmpty(), horizon, forever, keep);
  }

  /** The count of each window marked in {@code used}; the others are -1, which no cap reaches. */
  int[] counts(CallRequest call, ContactHistory history, boolean[] used) {
    int[] out = new int[keys.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = used[i] ? history.count(query(keys.get(i), call), from(keys.get(i), call), call.at().toInstant()) : -1;
    }
    return out;
  }

  /**
   * When the count of a window next drops below {@code cap}, with no contact in between: the moment the
   * contact that keeps it at the cap leaves the window; null when it is below the cap already or never
   * frees up (a window without a span).
   */
  Instant release(int slot, int cap, CallRequest call, ContactHistory history) {
    WindowSlots.Key key = keys.get(slot);
    if (key.within() == null) {
      return null;
    }
    List<Instant> times = history.times(query(key, call), from(key, call), call.at().toInstant());
    if (times.size() < cap) {
      return null;
    }
    Instant keeper = times.get(times.size() - cap);
    Condition.Window.Span span = key.within();
    if (span.duration() != null) {
      return keeper.plus(span.duration());
    }
    ZoneId zone = FactExtractor.calleeZone(call);
    return keeper.atZone(zone).toLocalDate().plusDays(span.calendarDays()).atStartOfDay(zone).toInstant();
  }

  private static Instant from(WindowSlots.Key key, CallRequest call) {
    Condition.Window.Span span = key.within();
    if (span == null) {
      return null;
    }
    if (span.duration() != null) {
      return call.at().toInstant().minus(span.duration()).plusNanos(1);
    }
    ZoneId zone = FactExtractor.calleeZone(call);
    return call.at().atZoneSameInstant(zone).toLocalDate().minusDays(span.calendarDays() - 1L).atStartOfDay(zone).toInstant();
  }

  static ContactQuery query(WindowSlots.Key key, CallRequest call) {
    Condition.Window.Count c = key.count();
    Set<CallRequest.Purpose> purposes = EnumSet.noneOf(CallRequest.Purpose.class);
    c.purposes().forEach(p -> purposes.add(CallRequest.Purpose.valueOf(p)));
    Set<CallRequest.Channel> channels = EnumSet.noneOf(CallRequest.Channel.class);
    c.channels().forEach(p -> channels.add(CallRequest.Channel.valueOf(p)));
    Set<CallRequest.Outcome> outcomes = EnumSet.noneOf(CallRequest.Outcome.class);
    c.outcomes().forEach(p -> outcomes.add(CallRequest.Outcome.valueOf(p)));
    return new ContactQuery(purposes, channels, outcomes, c.sameProduct() ? call.product() : null,
        c.sameDebt() && call.debt() != null ? call.debt().id() : null);
  }
}
