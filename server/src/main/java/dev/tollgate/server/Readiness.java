package dev.tollgate.server;

import java.util.function.BooleanSupplier;

/**
 * Whether the server should be sent traffic: its packs are compiled (they are, once it listens) and the
 * ledger answers. Asked on every {@code GET /health/ready}; the answer is also a gauge.
 */
final class Readiness {
  private final BooleanSupplier ledger;
  private volatile boolean last = true;

  Readiness(BooleanSupplier ledger, ServerMetrics metrics) {
    this.ledger = ledger;
    metrics.readiness(() -> last ? 1 : 0);
  }

  boolean ledgerAnswers() {
    last = ledger.getAsBoolean();
    return last;
  }
}
