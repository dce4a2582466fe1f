package dev.tollgate.internal;

import java.time.Instant;
import java.util.List;

/**
 * The earlier contacts of one callee: the request's {@code history} ({@link RequestHistory}), which the
 * engine fills from its contact ledger when a request comes without one.
 *
 * <p>Implementations are immutable, or safe for use by one decision at a time.
 */
public interface ContactHistory {

  /**
   * The number of matching contacts at or after {@code from} and strictly before {@code to}.
   *
   * @param from the start of the window, inclusive; null for every earlier contact
   * @param to the end of the window, exclusive: the time of the proposed call
   */
  int count(ContactQuery query, Instant from, Instant to);

  /** The times of the matching contacts at or after {@code from} and strictly before {@code to}, ascending. */
  List<Instant> times(ContactQuery query, Instant from, Instant to);
}
