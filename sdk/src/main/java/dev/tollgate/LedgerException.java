package dev.tollgate;

/**
 * The contact ledger's store failed: unreachable, timed out, or refused a statement. Nothing was recorded
 * by the operation that failed; retry it once the store is back.
 */
public final class LedgerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
