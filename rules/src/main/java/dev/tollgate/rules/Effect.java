package dev.tollgate.rules;

/** What a matching rule does to the decision. */
public enum Effect {
  /** The proposal is refused; any DENY finding makes the decision DENY. */
  DENY,
  /** The proposal may go ahead, but the finding is reported. */
  WARN,
  /** The proposal may go ahead only if the caller carries out the rule's obligation. */
  OBLIGATION
}
