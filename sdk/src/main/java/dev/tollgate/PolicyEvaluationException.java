package dev.tollgate;

/**
 * Thrown by {@link PolicyEngine} when a decision could not be evaluated (a defect, an unreachable
 * ledger), and only when the engine was built with {@link PolicyEngine.OnError#THROW}; by default such a
 * failure is a DENY citing {@code TOLLGATE-EVALUATION-ERROR}.
 */
public final class PolicyEvaluationException extends RuntimeException {
  public PolicyEvaluationException(String message, Throwable cause) {
    super(message, cause);
  }
}
