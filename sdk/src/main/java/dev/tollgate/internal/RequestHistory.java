package dev.tollgate.internal;

import dev.tollgate.CallRequest;
import java.util.Arrays;
import java.util.List;

/**
 * A call's {@code history} as an index: the contacts in time order, with their instants as numbers, and
 * their positions grouped by outcome. {@link Windows} finds a window's contacts by binary search and reads
 * only those, plus the older contacts with an outcome a window without a span counts (refusals), so a
 * decision costs the same whether a person has 10 or 10,000 older contacts.
 *
 * <p>Built once per history: the history of a {@link CallRequest} is a {@link ContactList}, which keeps
 * its index, so every decision on the same request (and every re-decision of {@code nextAllowedAt}) reads
 * it without building it again.
 *
 * <p>Immutable and thread-safe.
 */
final class RequestHistory {
  private static final CallRequest.Outcome[] OUTCOMES = CallRequest.Outcome.values();
  static final RequestHistory EMPTY = index(new CallRequest.Contact[0]);
  /** Bits of a sort key that hold a contact's position; more contacts than this are sorted the slow way. */
  private static final int POSITION_BITS = 24;
  private static final int POSITION_MASK = (1 << POSITION_BITS) - 1;

  /** The contacts, ascending by instant. */
  final CallRequest.Contact[] contacts;
  /** The instant of each contact: epoch second and nano of the second. */
  final long[] seconds;
  final int[] nanos;
  /**
   * Positions in {@link #contacts}, grouped by outcome and ascending within a group: those of outcome
   * {@code o} are at {@code byOutcome[outcomeStart[o.ordinal()]]} up to (excluding) {@code outcomeStart[o.ordinal() + 1]}.
   */
  final int[] byOutcome;
  final int[] outcomeStart;

  private RequestHistory(CallRequest.Contact[] contacts, long[] seconds, int[] nanos, int[] byOutcome,
      int[] outcomeStart) {
    this.contacts = contacts;
    this.seconds = seconds;
    this.nanos = nanos;
    this.byOutcome = byOutcome;
    this.outcomeStart = outcomeStart;
  }

  /** The index of a request's history; null or empty gives a history that counts nothing. */
  static RequestHistory of(List<CallRequest.Contact> history) {
    if (history == null || history.isEmpty()) {
      return EMPTY;
    }
    if (history instanceof ContactList list) {
      return list.index();
    }
    return index(history.toArray(new CallRequest.Contact[0]));
  }

  /** Indexes contacts in any order; the array is kept if it is in time order already. */
  static RequestHistory index(CallRequest.Contact[] given) {
    int n = given.length;
    long[] seconds = new long[n];
    int[] nanos = new int[n];
    boolean sorted = true;
    for (int i = 0; i < n; i++) {
      seconds[i] = given[i].at().toEpochSecond();
      nanos[i] = given[i].at().getNano();
      sorted &= i == 0 || compare(seconds[i - 1], nanos[i - 1], seconds[i], nanos[i]) <= 0;
    }
    CallRequest.Contact[] contacts = given;
    if (!sorted) {
      int[] order = order(seconds, nanos);
      contacts = new CallRequest.Contact[n];
      long[] s = seconds.clone();
      int[] ns = nanos.clone();
      for (int i = 0; i < n; i++) {
        contacts[i] = given[order[i]];
        seconds[i] = s[order[i]];
        nanos[i] = ns[order[i]];
      }
    }
    int[] outcomeStart = new int[OUTCOMES.length + 1];
    for (CallRequest.Contact c : contacts) {
      outcomeStart[c.outcome().ordinal() + 1]++;
    }
    for (int o = 0; o < OUTCOMES.length; o++) {
      outcomeStart[o + 1] += outcomeStart[o];
    }
    int[] byOutcome = new int[n];
    int[] next = Arrays.copyOf(outcomeStart, OUTCOMES.length);
    for (int i = 0; i < n; i++) {
      byOutcome[next[contacts[i].outcome().ordinal()]++] = i;
    }
    return new RequestHistory(contacts, seconds, nanos, byOutcome, outcomeStart);
  }

  /**
   * The positions of the instants in ascending order. Sorts numbers, not contacts: each position packed
   * under its second, then each run of contacts sharing a second packed under their nanos.
   */
  private static int[] order(long[] seconds, int[] nanos) {
    int n = seconds.length;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long s : seconds) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    int[] order = new int[n];
    if (n > POSITION_MASK || max - min < 0 || max - min >= 1L << (Long.SIZE - 1 - POSITION_BITS)) {
      // Beyond the packed keys (millions of contacts, or instants further apart than 17,000 years).
      Integer[] boxed = new Integer[n];
      Arrays.setAll(boxed, i -> i);
      Arrays.sort(boxed, (x, y) -> compare(seconds[x], nanos[x], seconds[y], nanos[y]));
      Arrays.setAll(order, i -> boxed[i]);
      return order;
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (seconds[i] - min) << POSITION_BITS | i;
    }
    Arrays.sort(keys);
    for (int i = 0; i < n; i++) {
      order[i] = (int) (keys[i] & POSITION_MASK);
    }
    for (int from = 0, to; from < n; from = to) {
      to = from + 1;
      while (to < n && seconds[order[to]] == seconds[order[from]]) {
        to++;
      }
      if (to - from > 1) {
        for (int k = from; k < to; k++) {
          keys[k] = (long) nanos[order[k]] << POSITION_BITS | order[k];
        }
        Arrays.sort(keys, from, to);
        for (int k = from; k < to; k++) {
          order[k] = (int) (keys[k] & POSITION_MASK);
        }
      }
    }
    return order;
  }

  int size() {
    return contacts.length;
  }

  /** The position of the first contact at or after the instant; {@link #size()} if none is. */
  int firstAtOrAfter(long second, int nano) {
    int lo = 0;
    int hi = contacts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(seconds[mid], nanos[mid], second, nano) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  static int compare(long secondA, int nanoA, long secondB, int nanoB) {
    int c = Long.compare(secondA, secondB);
    return c != 0 ? c : Integer.compare(nanoA, nanoB);
  }
}
