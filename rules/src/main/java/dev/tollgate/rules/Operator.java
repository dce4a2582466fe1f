package dev.tollgate.rules;

/** A comparison in a condition, written in YAML under the name {@link #yamlName()}. */
public enum Operator {
  /** Equal to the value. */
  EQ("eq"),
  /** Equal to one of a list of values. */
  IN("in"),
  /** Not equal to any of a list of values; true when the field is absent. */
  NOT_IN("notIn"),
  LT("lt"),
  LE("le"),
  GT("gt"),
  GE("ge"),
  /** Within {@code [low, high]}; for times of day, {@code [22:00, 08:00]} wraps past midnight. */
  BETWEEN("between"),
  /** {@code exists: true} when the field is present, {@code exists: false} when it is absent. */
  EXISTS("exists"),
  /** A text field starting with one of a list of prefixes. */
  MATCHES_PREFIX("matchesPrefix"),
  /** A list field containing the value. */
  CONTAINS("contains"),
  /**
   * A text field containing at least one of a list of substrings, compared exactly (case and width
   * matter), e.g. {@code containsAny: [人工智能, AI]}.
   */
  CONTAINS_ANY("containsAny");

  private final String yamlName;

  Operator(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The key that introduces this comparison in a pack. */
  public String yamlName() {
    return yamlName;
  }

  /** The operator written as {@code name} in a pack, or null if there is none. */
  public static Operator fromYamlName(String name) {
    for (Operator op : values()) {
      if (op.yamlName.equals(name)) {
        return op;
      }
    }
    return null;
  }
}
