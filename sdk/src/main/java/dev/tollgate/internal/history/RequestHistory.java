package dev.tollgate.internal.history;

import dev.tollgate.CallRequest;
import java.util.Arrays;
import java.util.List;

/**
 * A call's {@code history} ready for {@link Windows}: the contacts with their instants as numbers and,
 * once the history is in time order, their positions grouped by outcome. An ordered history lets a
 * window find its contacts by binary search and read only those, plus the older contacts with an outcome
 * that a window without a span counts (refusals), so a decision costs the same whether a person has 10 or
 * 10,000 older contacts. A history in no order is read whole, as sorting it costs more than reading it once.
 *
 * <p>The history of a {@link CallRequest} is a {@link ContactList}, which keeps what is built here: a
 * history in time order (as the ledger's always is) is indexed by its first decision; one in no order is
 * read whole by the first and sorted by the second, so a request decided again (or the re-decisions of
 * {@code nextAllowedAt}, which share their decision's) does not read every contact again.
 *
 * <p>Immutable and thread-safe.
 */
public final class RequestHistory {
  private static final CallRequest.Outcome[] OUTCOMES = CallRequest.Outcome.values();
  static final RequestHistory EMPTY = index(new CallRequest.Contact[0], false);
  /** Bits of a sort key that hold a contact's position; more contacts than this are sorted the slow way. */
  private static final int POSITION_BITS = 24;
  private static final int POSITION_MASK = (1 << POSITION_BITS) - 1;

  /** The contacts: ascending by instant if {@link #sorted}, else in the request's order. */
  final CallRequest.Contact[] contacts;
  /** The instant of each contact: epoch second and nano of the second. */
  final long[] seconds;
  final int[] nanos;
  final boolean sorted;
  /**
   * If sorted, positions in {@link #contacts} grouped by outcome and ascending within a group: those of
   * outcome {@code o} are at {@code byOutcome[outcomeStart[o.ordinal()]]} up to (excluding)
   * {@code outcomeStart[o.ordinal() + 1]}; null if not.
   */
  final int[] byOutcome;
  final int[] outcomeStart;

  private RequestHistory(CallRequest.Contact[] contacts, long[] seconds, int[] nanos, boolean sorted,
      int[] byOutcome, int[] outcomeStart) {
    this.contacts = contacts;
    this.seconds = seconds;
    this.nanos = nanos;
    this.sorted = sorted;
    this.byOutcome = byOutcome;
    this.outcomeStart = outcomeStart;
  }

  /**
   * A request's history for one decision: the index its {@link ContactList} keeps (a {@link CallRequest}'s
   * history is always one); null or empty gives a history that counts nothing.
   */
  public static RequestHistory of(List<CallRequest.Contact> history) {
    return history == null || history.isEmpty() ? EMPTY : ((ContactList) history).index();
  }

  /**
   * Contacts in any order, indexed if they are in time order or {@code sort} is set (then sorted); the
   * array is never changed.
   */
  static RequestHistory index(CallRequest.Contact[] given, boolean sort) {
    int n = given.length;
    long[] seconds = new long[n];
    int[] nanos = new int[n];
    boolean inOrder = true;
    for (int i = 0; i < n; i++) {
      seconds[i] = given[i].at().toEpochSecond();
      nanos[i] = given[i].at().getNano();
      inOrder &= i == 0 || compare(seconds[i - 1], nanos[i - 1], seconds[i], nanos[i]) <= 0;
    }
    if (!inOrder && !sort) {
      return new RequestHistory(given, seconds, nanos, false, null, null);
    }
    CallRequest.Contact[] contacts = given;
    if (!inOrder) {
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
    return new RequestHistory(contacts, seconds, nanos, true, byOutcome, outcomeStart);
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

  /** Sorted only: the position of the first contact at or after the instant; {@link #size()} if none is. */
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
