package dev.tollgate.rules;

/** How well the legal fact behind a rule was verified (the legend of the project's regulation notes). */
public enum Confidence {
  /** Official text, or two or more independent sources agree. */
  HIGH,
  /** One good secondary source; the rule must say so in its note. */
  MEDIUM,
  /** Not verified; must not be a DENY rule, and the rule must say why in its note. */
  LOW
}
