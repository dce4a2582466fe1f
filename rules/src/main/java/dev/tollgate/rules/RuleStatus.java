package dev.tollgate.rules;

/** Whether a rule takes part in decisions. */
public enum RuleStatus {
  /** Evaluated and decides. */
  IN_FORCE,
  /** Evaluated and reported, but never decides: for trying a rule on live traffic. */
  SHADOW,
  /** Drafted, not evaluated. */
  PROPOSED,
  /** No longer law, kept for the record; not evaluated. */
  REPEALED;

  /** Whether the engine evaluates rules with this status. */
  public boolean evaluated() {
    return this == IN_FORCE || this == SHADOW;
  }
}
