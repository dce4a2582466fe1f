package dev.tollgate.server;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.LedgerException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** A ledger that counts its store's failures in the server's metrics; the engine still turns each into a DENY. */
final class CountingLedger implements ContactLedger {
  private final ContactLedger ledger;
  private final ServerMetrics metrics;

  CountingLedger(ContactLedger ledger, ServerMetrics metrics) {
    this.ledger = ledger;
    this.metrics = metrics;
  }

  @Override
  public void record(String subject, String contactId, CallRequest.Contact contact) {
    counted(() -> {
      ledger.record(subject, contactId, contact);
      return null;
    });
  }

  @Override
  public boolean recordOutcome(String contactId, CallRequest.Outcome outcome) {
    return counted(() -> ledger.recordOutcome(contactId, outcome));
  }

  @Override
  public List<Entry> entries(String subject, Instant since) {
    return counted(() -> ledger.entries(subject, since));
  }

  @Override
  public void reserve(String subject, Instant since, Function<List<Entry>, Entry> decide) {
    counted(() -> {
      ledger.reserve(subject, since, decide);
      return null;
    });
  }

  @Override
  public int prune(Instant before, Set<CallRequest.Outcome> keep) {
    return counted(() -> ledger.prune(before, keep));
  }

  private <T> T counted(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (LedgerException e) {
      metrics.ledgerError();
      throw e;
    }
  }
}
