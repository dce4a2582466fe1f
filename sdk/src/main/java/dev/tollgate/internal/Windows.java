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
 * Counts the rolling windows of an engine's rules for one call, from its {@link RequestHistory}, and says
 * when a window next frees up. A window ends at the call's {@code at} (exclusive); a span of calendar days
 * starts at the callee's local midnight of the first day (the call's day is the last), and a duration
 * starts just after {@code at} minus the duration, so a contact exactly that long ago no longer counts.
 *
 * <p>Immutable and thread-safe.
 */
final class Windows {
  private static final CallRequest.Purpose[] PURPOSES = CallRequest.Purpose.values();
  private static final CallRequest.Channel[] CHANNELS = CallRequest.Channel.values();
  private static final CallRequest.Outcome[] OUTCOMES = CallRequest.Outcome.values();

  private final List<WindowSlots.Key> keys;
  /**
   * Per slot, the kinds of contact it counts as bits, one per cell of purpose (or none), channel and
   * outcome ({@link #cell}): 4 x 2 x 5 = 40 cells, so a long holds them.
   */
  private final long[] cells;
  /** Per slot, whether it counts only contacts about the call's product, or debt. */
  private final boolean[] sameProduct;
  private final boolean[] sameDebt;

  Windows(WindowSlots slots) {
    this.keys = slots.keys();
    this.cells = new long[keys.size()];
    this.sameProduct = new boolean[keys.size()];
    this.sameDebt = new boolean[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      cells[i] = cells(query(keys.get(i), null, null));
      sameProduct[i] = keys.get(i).count().sameProduct();
      sameDebt[i] = keys.get(i).count().sameDebt();
    }
  }

  static {
    if ((PURPOSES.length + 1) * CHANNELS.length * OUTCOMES.length > Long.SIZE) {
      throw new ExceptionInInitializerError("the kinds of contact no longer fit the bits of a long");
    }
  }

  private static int cell(CallRequest.Purpose purpose, CallRequest.Channel channel, CallRequest.Outcome outcome) {
    int p = purpose == null ? PURPOSES.length : purpose.ordinal();
    return (p * CHANNELS.length + channel.ordinal()) * OUTCOMES.length + outcome.ordinal();
  }

  /** The cells whose contacts a query counts; a contact of unknown purpose matches any purpose. */
  private static long cells(ContactQuery q) {
    long out = 0;
    for (int p = 0; p <= PURPOSES.length; p++) {
      for (CallRequest.Channel ch : CHANNELS) {
        for (CallRequest.Outcome o : OUTCOMES) {
          CallRequest.Contact probe = new CallRequest.Contact(java.time.OffsetDateTime.MIN,
              p == PURPOSES.length ? null : PURPOSES[p], null, null, o, ch);
          if (q.matches(probe)) {
            out |= 1L << cell(probe.purpose(), ch, o);
          }
        }
      }
    }
    return out;
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

  /**
   * The count of each window marked in {@code used}, in one pass over the history; the others are -1,
   * which no cap reaches.
   */
  int[] counts(CallRequest call, RequestHistory history, boolean[] used) {
    int[] out = new int[keys.size()];
    int n = 0;
    int[] slots = new int[keys.size()];
    long[] fromSeconds = new long[keys.size()];
    int[] fromNanos = new int[keys.size()];
    for (int i = 0; i < out.length; i++) {
      if (!used[i]) {
        out[i] = -1;
        continue;
      }
      slots[n++] = i;
      Instant from = from(keys.get(i), call);
      fromSeconds[i] = from == null ? Long.MIN_VALUE : from.getEpochSecond();
      fromNanos[i] = from == null ? 0 : from.getNano();
    }
    long toSecond = call.at().toEpochSecond();
    int toNano = call.at().getNano();
    String product = call.product();
    String debt = call.debt() == null ? null : call.debt().id();
    for (CallRequest.Contact c : history.contacts()) {
      long second = c.at().toEpochSecond();
      int nano = c.at().getNano();
      if (second > toSecond || second == toSecond && nano >= toNano) {
        continue;
      }
      long bit = 1L << cell(c.purpose(), c.channel() == null ? CallRequest.Channel.CALL : c.channel(), c.outcome());
      for (int j = 0; j < n; j++) {
        int i = slots[j];
        if ((cells[i] & bit) != 0
            && (second > fromSeconds[i] || second == fromSeconds[i] && nano >= fromNanos[i])
            && same(sameProduct[i], product, c.product())
            && same(sameDebt[i], debt, c.debt())) {
          out[i]++;
        }
      }
    }
    return out;
  }

  /** Whether a contact's product or debt counts: the call's is unknown, the contact's is, or they are equal. */
  private static boolean same(boolean required, String call, String contact) {
    return !required || call == null || contact == null || call.equals(contact);
  }

  /**
   * When the count of a window next drops below {@code cap}, with no contact in between: the moment the
   * contact that keeps it at the cap leaves the window; null when it is below the cap already or never
   * frees up (a window without a span).
   */
  Instant release(int slot, int cap, CallRequest call, RequestHistory history) {
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
    return Zones.startOfDay(Zones.localDate(keeper, zone).plusDays(span.calendarDays()), zone);
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
    return Zones.startOfDay(Zones.localDate(call.at().toInstant(), zone).minusDays(span.calendarDays() - 1L), zone);
  }

  static ContactQuery query(WindowSlots.Key key, CallRequest call) {
    Condition.Window.Count c = key.count();
    return query(key, c.sameProduct() ? call.product() : null,
        c.sameDebt() && call.debt() != null ? call.debt().id() : null);
  }

  private static ContactQuery query(WindowSlots.Key key, String product, String debt) {
    Condition.Window.Count c = key.count();
    Set<CallRequest.Purpose> purposes = EnumSet.noneOf(CallRequest.Purpose.class);
    c.purposes().forEach(p -> purposes.add(CallRequest.Purpose.valueOf(p)));
    Set<CallRequest.Channel> channels = EnumSet.noneOf(CallRequest.Channel.class);
    c.channels().forEach(p -> channels.add(CallRequest.Channel.valueOf(p)));
    Set<CallRequest.Outcome> outcomes = EnumSet.noneOf(CallRequest.Outcome.class);
    c.outcomes().forEach(p -> outcomes.add(CallRequest.Outcome.valueOf(p)));
    return new ContactQuery(purposes, channels, outcomes, product, debt);
  }
}
