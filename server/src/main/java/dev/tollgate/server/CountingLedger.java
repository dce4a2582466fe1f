package dev.tollgate.server;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

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
    try {
      ledger.record(subject, contactId, contact);
    } catch (dev.tollgate.LedgerException e) {
      metrics.ledgerError();
      throw e;
    }
  }

  @Override
  public boolean recordOutcome(String contactId, CallRequest.Outcome outcome) {
    try {
      return ledger.recordOutcome(contactId, outcome);
    } catch (dev.tollgate.LedgerException e) {
      metrics.ledgerError();
      throw e;
    }
  }

  @Override
  public List<Entry> entries(String subject, Instant since) {
    try {
      return ledger.entries(subject, since);
    } catch (dev.tollgate.LedgerException e) {
      metrics.ledgerError();
      throw e;
    }
  }

  @Override
  public void reserve(String subject, Instant since, Function<List<Entry>, Entry> decide) {
    try {
      ledger.reserve(subject, since, decide);
    } catch (dev.tollgate.LedgerException e) {
      metrics.ledgerError();
      throw e;
    }
  }

  @Override
  public int prune(Instant before, Set<CallRequest.Outcome> keep) {
    try {
      return ledger.prune(before, keep);
    } catch (dev.tollgate.LedgerException e) {
      metrics.ledgerError();
      throw e;
    }
  }
}
