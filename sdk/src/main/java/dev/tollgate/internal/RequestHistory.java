package dev.tollgate.internal;

import dev.tollgate.CallRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A call's {@code history}: the request's own, or the ledger's contacts put there by the engine. {@link
 * Windows} counts every window of a decision in one pass over it ({@link #contacts()}); {@link #times}
 * scans it for one query. One pass costs less than building an index that a single decision would then throw
 * away (an index of sorted times per purpose, channel and outcome once took most of a decision:
 * BENCHMARKS.md).
 *
 * <p>Immutable and thread-safe.
 */
final class RequestHistory {
  private static final RequestHistory EMPTY = new RequestHistory(List.of());

  private final List<CallRequest.Contact> contacts;

  private RequestHistory(List<CallRequest.Contact> contacts) {
    this.contacts = contacts;
  }

  /** The request's history; null or empty gives a history that counts nothing. */
  static RequestHistory of(List<CallRequest.Contact> history) {
    return history == null || history.isEmpty() ? EMPTY : new RequestHistory(history);
  }

  List<CallRequest.Contact> contacts() {
    return contacts;
  }

  /** The times of the matching contacts at or after {@code from} (null: any) and strictly before {@code to}, ascending. */
  List<Instant> times(ContactQuery query, Instant from, Instant to) {
    List<Instant> out = new ArrayList<>();
    for (CallRequest.Contact c : contacts) {
      Instant t = c.at().toInstant();
      if (query.matches(c) && within(t, from, to)) {
        out.add(t);
      }
    }
    out.sort(null);
    return out;
  }

  private static boolean within(Instant t, Instant from, Instant to) {
    return t.isBefore(to) && (from == null || !t.isBefore(from));
  }
}
