package dev.tollgate;

/**
 * The contact ledger's store failed: unreachable, timed out, or refused a statement. Nothing was recorded
 * by the operation that failed, unless the message says it failed while committing: then the store may
 * have applied the commit without acknowledging it; retrying the operation (the same request id) is safe
 * and tells which.
 */
public final class LedgerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
