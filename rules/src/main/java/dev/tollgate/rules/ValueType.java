package dev.tollgate.rules;

/** The type of a request field or derived fact, which fixes the operators and values a condition may use. */
public enum ValueType {
  STRING,
  BOOLEAN,
  NUMBER,
  /** One value of a closed set of upper-case names. */
  ENUM,
  /** A calendar date, {@code 2025-09-01}. */
  DATE,
  /** A date-time with offset, {@code 2025-09-01T08:00:00+08:00}. */
  DATE_TIME,
  /** A time of day, {@code 22:00}. */
  TIME,
  /** A list of names from a closed set. */
  ENUM_LIST,
  /** A list of free text names. */
  STRING_LIST,
  /**
   * A list of items that each carry their own fields ({@code content[].aiGenerated}); conditions test
   * them with a quantifier such as {@code anyContent}, and the list itself only with {@code exists}.
   */
  ITEM_LIST;

  /**
   * Orders two typed values of the same type as conditions compare them: date-times by instant,
   * numbers by value whatever their scale, everything else by its natural order.
   */
  public static int compare(Object a, Object b) {
    return dev.tollgate.rules.internal.Values.compare(a, b);
  }
}
