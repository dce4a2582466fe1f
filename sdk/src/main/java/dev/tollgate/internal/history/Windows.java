package dev.tollgate.internal.history;

import dev.tollgate.CallRequest;
import dev.tollgate.Request;
import dev.tollgate.internal.ContactRequests;
import dev.tollgate.internal.FactExtractor;
import dev.tollgate.internal.Zones;
import dev.tollgate.internal.facts.WindowSlots;
import dev.tollgate.rules.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the rolling windows of an engine's rules for one call, from its {@link RequestHistory}, and says
 * when a window next frees up. A window ends at the call's {@code at} (exclusive); a span of calendar days
 * starts at the callee's local midnight of the first day (the call's day is the last), and a duration
 * starts just after {@code at} minus the duration, so a contact exactly that long ago no longer counts.
 * A contact after {@code at} (a clock running ahead, a history sent late) counts as made just before the
 * call, as the ledger's do, so that no skew of clocks lifts a cap. One at the very instant of the call is
 * not counted: a history has no ids, and that contact may be the call itself (the ledger, which has ids,
 * leaves the call out by its id and counts the rest).
 *
 * <p>Immutable and thread-safe.
 */
public final class Windows {
  private static final CallRequest.Purpose[] PURPOSES = CallRequest.Purpose.values();
  private static final CallRequest.Channel[] CHANNELS = CallRequest.Channel.values();
  private static final CallRequest.Outcome[] OUTCOMES = CallRequest.Outcome.values();
  private static final int ALL_OUTCOMES = (1 << OUTCOMES.length) - 1;

  private final List<WindowSlots.Key> keys;
  /**
   * Per slot, the kinds of contact it counts as bits, one per cell of purpose (or none), channel and
   * outcome ({@link #cell}): 4 x 2 x 5 = 40 cells, so a long holds them.
   */
  private final long[] cells;
  /** Per slot, whether it counts only contacts about the call's product, or debt. */
  private final boolean[] sameProduct;
  private final boolean[] sameDebt;
  /** Per slot, the outcomes it counts as bits by ordinal. */
  private final int[] outcomes;

  public Windows(WindowSlots slots) {
    this.keys = slots.keys();
    this.cells = new long[keys.size()];
    this.sameProduct = new boolean[keys.size()];
    this.sameDebt = new boolean[keys.size()];
    this.outcomes = new int[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      outcomes[i] = keys.get(i).count().outcomes().isEmpty() ? ALL_OUTCOMES : keys.get(i).count().outcomes().stream()
          .mapToInt(o -> 1 << CallRequest.Outcome.valueOf(o).ordinal()).reduce(0, (a, b) -> a | b);
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

  public int size() {
    return keys.size();
  }

  /** What these windows read of a person's history. */
  public HistoryNeeds needs() {
    Duration horizon = Duration.ZERO;
    Set<CallRequest.Outcome> keep = EnumSet.noneOf(CallRequest.Outcome.class);
    for (int i = 0; i < keys.size(); i++) {
      Condition.Window.Span span = keys.get(i).within();
      if (span == null) {
        for (CallRequest.Outcome o : OUTCOMES) {
          if ((outcomes[i] & 1 << o.ordinal()) != 0) {
            keep.add(o);
          }
        }
        continue;
      }
      Duration reach = span.duration() != null ? span.duration() : Duration.ofDays(span.calendarDays() + 1L);
      if (reach.compareTo(horizon) > 0) {
        horizon = reach;
      }
    }
    return new HistoryNeeds(!keys.isEmpty(), horizon, keep);
  }

  /**
   * The count of each window marked in {@code used}; the others are -1, which no cap reaches. Of a sorted
   * history, reads the contacts from the start of the longest used window to the call, found by binary
   * search, and of the older ones only those with an outcome that a used window without a span counts;
   * of one in no order, every contact once.
   */
  public int[] counts(Request call, RequestHistory history, boolean[] used) {
    int[] out = new int[keys.size()];
    int n = 0;
    int[] slots = new int[keys.size()];
    long[] fromSeconds = new long[keys.size()];
    int[] fromNanos = new int[keys.size()];
    long earliestSecond = Long.MAX_VALUE;
    int earliestNano = 0;
    int foreverOutcomes = 0;
    for (int i = 0; i < out.length; i++) {
      if (!used[i]) {
        out[i] = -1;
        continue;
      }
      slots[n++] = i;
      Instant from = from(keys.get(i), call);
      if (from == null) {
        fromSeconds[i] = Long.MIN_VALUE;
        foreverOutcomes |= outcomes[i];
      } else {
        fromSeconds[i] = from.getEpochSecond();
        fromNanos[i] = from.getNano();
        if (RequestHistory.compare(fromSeconds[i], fromNanos[i], earliestSecond, earliestNano) < 0) {
          earliestSecond = fromSeconds[i];
          earliestNano = fromNanos[i];
        }
      }
    }
    String product = ContactRequests.product(call);
    String debt = ContactRequests.debt(call);
    long toSecond = call.at().toEpochSecond();
    int toNano = call.at().getNano();
    Instant justBefore = call.at().toInstant().minusNanos(1);
    if (!history.sorted) {
      for (int k = 0; k < history.size(); k++) {
        int vsCall = RequestHistory.compare(history.seconds[k], history.nanos[k], toSecond, toNano);
        if (vsCall < 0) {
          count(history, k, out, slots, n, fromSeconds, fromNanos, product, debt);
        } else if (vsCall > 0) {
          count(history, k, justBefore, out, slots, n, fromSeconds, fromNanos, product, debt);
        }
      }
      return out;
    }
    int end = history.firstAtOrAfter(toSecond, toNano);
    // A window's start lies after the call when its 'since' does (a consent recorded after the call's time):
    // it then counts nothing, and the contacts from the call on must not be read as older ones.
    int start = earliestSecond == Long.MAX_VALUE ? end
        : Math.min(end, history.firstAtOrAfter(earliestSecond, earliestNano));
    for (int k = start; k < end; k++) {
      count(history, k, out, slots, n, fromSeconds, fromNanos, product, debt);
    }
    Instant justAfter = call.at().toInstant().plusNanos(1);
    for (int k = history.firstAtOrAfter(justAfter.getEpochSecond(), justAfter.getNano()); k < history.size(); k++) {
      count(history, k, justBefore, out, slots, n, fromSeconds, fromNanos, product, debt);
    }
    if (foreverOutcomes == ALL_OUTCOMES) {
      for (int k = 0; k < start; k++) {
        count(history, k, out, slots, n, fromSeconds, fromNanos, product, debt);
      }
    } else if (foreverOutcomes != 0) {
      for (int o = 0; o < OUTCOMES.length; o++) {
        if ((foreverOutcomes & 1 << o) == 0) {
          continue;
        }
        for (int g = history.outcomeStart[o]; g < history.outcomeStart[o + 1] && history.byOutcome[g] < start; g++) {
          count(history, history.byOutcome[g], out, slots, n, fromSeconds, fromNanos, product, debt);
        }
      }
    }
    return out;
  }

  /** Adds the contact at position {@code k}, made before the call, to each used window that counts it. */
  private void count(RequestHistory history, int k, int[] out, int[] slots, int n, long[] fromSeconds,
      int[] fromNanos, String product, String debt) {
    count(history.contacts[k], history.seconds[k], history.nanos[k], out, slots, n, fromSeconds, fromNanos, product, debt);
  }

  /** Adds the contact at position {@code k}, made after the call, as made at {@code at}. */
  private void count(RequestHistory history, int k, Instant at, int[] out, int[] slots, int n, long[] fromSeconds,
      int[] fromNanos, String product, String debt) {
    count(history.contacts[k], at.getEpochSecond(), at.getNano(), out, slots, n, fromSeconds, fromNanos, product, debt);
  }

  private void count(CallRequest.Contact c, long second, int nano, int[] out, int[] slots, int n, long[] fromSeconds,
      int[] fromNanos, String product, String debt) {
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

  /** Whether a contact's product or debt counts: the call's is unknown, the contact's is, or they are equal. */
  private static boolean same(boolean required, String call, String contact) {
    return !required || call == null || contact == null || call.equals(contact);
  }

  /**
   * When the count of a window next drops below {@code cap}, with no contact in between: the moment the
   * contact that keeps it at the cap leaves the window; null when it is below the cap already or never
   * frees up (a window without a span).
   */
  public Instant release(int slot, int cap, Request call, RequestHistory history) {
    WindowSlots.Key key = keys.get(slot);
    if (key.within() == null) {
      return null;
    }
    Instant from = from(key, call);
    ContactQuery query = query(key, call);
    List<Instant> times = new ArrayList<>();
    long toSecond = call.at().toEpochSecond();
    int toNano = call.at().getNano();
    int first = history.sorted ? history.firstAtOrAfter(from.getEpochSecond(), from.getNano()) : 0;
    for (int k = first; k < history.size(); k++) {
      if (!query.matches(history.contacts[k])) {
        continue;
      }
      int vsCall = RequestHistory.compare(history.seconds[k], history.nanos[k], toSecond, toNano);
      if (vsCall > 0) {
        // Counted as made just before the call, so only if that is within the window (a 'since' may be later).
        Instant justBefore = call.at().toInstant().minusNanos(1);
        if (!justBefore.isBefore(from)) {
          times.add(justBefore);
        }
      } else if (vsCall < 0
          && RequestHistory.compare(history.seconds[k], history.nanos[k], from.getEpochSecond(), from.getNano()) >= 0) {
        times.add(history.contacts[k].at().toInstant());
      }
    }
    if (!history.sorted) {
      times.sort(null);
    }
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

  /** The first instant a window counts: the later of its span's start and its {@code since}; null: ever. */
  private static Instant from(WindowSlots.Key key, Request call) {
    Instant since = key.count().since() == null ? null
        : get(FactExtractor.extract(key.count().since(), call));
    Condition.Window.Span span = key.within();
    if (span == null) {
      return since;
    }
    Instant start;
    if (span.duration() != null) {
      start = call.at().toInstant().minus(span.duration()).plusNanos(1);
    } else {
      ZoneId zone = FactExtractor.calleeZone(call);
      start = Zones.startOfDay(Zones.localDate(call.at().toInstant(), zone).minusDays(span.calendarDays() - 1L), zone);
    }
    return since != null && since.isAfter(start) ? since : start;
  }

  private static Instant get(Object dateTime) {
    return dateTime == null ? null : ((java.time.OffsetDateTime) dateTime).toInstant();
  }

  static ContactQuery query(WindowSlots.Key key, Request call) {
    Condition.Window.Count c = key.count();
    return query(key, c.sameProduct() ? ContactRequests.product(call) : null,
        c.sameDebt() ? ContactRequests.debt(call) : null);
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
