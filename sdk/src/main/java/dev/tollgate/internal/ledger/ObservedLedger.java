package dev.tollgate.internal.ledger;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.LedgerException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A ledger that tells an observer of each failure of its store, by operation, before passing it on
 * ({@link ContactLedger#observed}). It is a {@link WindowedLedger} whatever it wraps, so that counting
 * failures does not make an engine read a person's whole history where the ledger could read a window.
 *
 * <p>Thread-safe if the ledger and the observer are.
 */
public final class ObservedLedger implements ContactLedger, WindowedLedger {
  private final ContactLedger ledger;
  private final WindowedLedger windowed;
  private final BiConsumer<String, LedgerException> failures;

  public ObservedLedger(ContactLedger ledger, BiConsumer<String, LedgerException> failures) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.windowed = WindowedLedger.of(ledger);
    this.failures = Objects.requireNonNull(failures, "failures");
  }

  private <T> T observed(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (LedgerException e) {
      try {
        failures.accept(operation, e);
      } catch (RuntimeException observerFailed) {
        // The store's failure is what the caller must see; the observer's is kept beside it.
        e.addSuppressed(observerFailed);
      }
      throw e;
    }
  }

  @Override
  public void record(String subject, String contactId, CallRequest.Contact contact) {
    observed("record", () -> {
      ledger.record(subject, contactId, contact);
      return null;
    });
  }

  @Override
  public boolean recordOutcome(String contactId, CallRequest.Outcome outcome) {
    return observed("recordOutcome", () -> ledger.recordOutcome(contactId, outcome));
  }

  @Override
  public List<Entry> entries(String subject, Instant since) {
    return observed("entries", () -> ledger.entries(subject, since));
  }

  @Override
  public void reserve(String subject, Instant since, Function<List<Entry>, Entry> decide) {
    observed("reserve", () -> {
      ledger.reserve(subject, since, decide);
      return null;
    });
  }

  @Override
  public int prune(Instant before, Set<CallRequest.Outcome> keep) {
    return observed("prune", () -> ledger.prune(before, keep));
  }

  @Override
  public List<Entry> entries(String subject, Instant since, Set<CallRequest.Outcome> kept) {
    return observed("entries", () -> windowed.entries(subject, since, kept));
  }

  @Override
  public List<Entry> entries(String subject, Instant since, Set<CallRequest.Outcome> kept, long started) {
    return observed("entries", () -> windowed.entries(subject, since, kept, started));
  }

  @Override
  public void reserve(String subject, Instant since, Set<CallRequest.Outcome> kept, Function<List<Entry>, Entry> decide) {
    observed("reserve", () -> {
      windowed.reserve(subject, since, kept, decide);
      return null;
    });
  }

  @Override
  public void reserve(String subject, Instant since, Set<CallRequest.Outcome> kept, Function<List<Entry>, Entry> decide,
      long started) {
    observed("reserve", () -> {
      windowed.reserve(subject, since, kept, decide, started);
      return null;
    });
  }

  @Override
  public String toString() {
    return "observed " + ledger;
  }
}
