package dev.tollgate.internal.ledger;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.ContactLedger.Entry;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What an engine reads of its ledger: the contacts a decision can count, which are those at or after a time
 * and, however old, those whose outcome a window without a span counts (refusals). {@link ContactLedger}'s
 * public methods can ask only for everything once such a window exists; the built-in ledgers implement
 * this, so that a decision costs the same whatever the length of a person's history.
 *
 * <p>Implementations are thread-safe.
 */
public interface WindowedLedger {

  /**
   * The engine's way to its ledger: the ledger itself if it is a built-in one; otherwise one that asks a
   * ledger implemented elsewhere, through its public methods, for all the subject's contacts whenever an
   * outcome is kept. The decisions are the same; only their cost then grows with the history.
   */
  static WindowedLedger of(ContactLedger ledger) {
    return ledger instanceof WindowedLedger windowed ? windowed : new PublicLedger(ledger);
  }

  /**
   * The subject's contacts at or after {@code since}, and the earlier ones whose outcome is in {@code kept}
   * (a contact whose outcome is not recorded yet counts as a conversation), ordered by time then id.
   */
  List<Entry> entries(String subject, Instant since, Set<CallRequest.Outcome> kept);

  /** As {@link ContactLedger#reserve}, reading the contacts {@link #entries(String, Instant, Set)} reads. */
  void reserve(String subject, Instant since, Set<CallRequest.Outcome> kept, Function<List<Entry>, Entry> decide);

  /**
   * As {@link #entries(String, Instant, Set)}, for a decision that began at {@code started} ({@link
   * System#nanoTime()}): a store with a timeout counts it from then, so that a decision that asks twice is
   * still bounded by one timeout.
   */
  default List<Entry> entries(String subject, Instant since, Set<CallRequest.Outcome> kept, long started) {
    return entries(subject, since, kept);
  }

  /** As {@link #reserve(String, Instant, Set, Function)}, for a decision that began at {@code started}. */
  default void reserve(String subject, Instant since, Set<CallRequest.Outcome> kept, Function<List<Entry>, Entry> decide,
      long started) {
    reserve(subject, since, kept, decide);
  }

  /** A ledger implemented outside Tollgate, read through {@link ContactLedger}'s methods. */
  record PublicLedger(ContactLedger ledger) implements WindowedLedger {
    @Override
    public List<Entry> entries(String subject, Instant since, Set<CallRequest.Outcome> kept) {
      return ledger.entries(subject, kept.isEmpty() ? since : null);
    }

    @Override
    public void reserve(String subject, Instant since, Set<CallRequest.Outcome> kept, Function<List<Entry>, Entry> decide) {
      ledger.reserve(subject, kept.isEmpty() ? since : null, decide);
    }
  }
}
