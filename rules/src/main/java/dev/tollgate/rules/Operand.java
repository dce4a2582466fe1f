package dev.tollgate.rules;

import java.util.Objects;

/** The right-hand side of a comparison: a value written in the rule, or a pack parameter. */
public sealed interface Operand {

  /**
   * A value written in the rule, already converted to the field's type (String, Boolean, BigDecimal,
   * LocalDate, LocalTime, OffsetDateTime, or an unmodifiable List of those).
   */
  record Literal(Object value) implements Operand {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A reference to a pack parameter, written {@code {param: name}}; resolved when the engine is built. */
  record Param(String name) implements Operand {
    public Param {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A category of the pack's vocabulary, written {@code {category: sensitive}}: the names of the fields
   * the category holds, fixed when the pack is loaded.
   *
   * @param name the category, e.g. {@code sensitive}
   * @param fields the field names it holds, in vocabulary order
   */
  record Category(String name, java.util.List<String> fields) implements Operand {
    public Category {
      Objects.requireNonNull(name, "name");
      fields = java.util.List.copyOf(fields);
    }
  }

  /**
   * The entry of a mapping parameter at the request's value of a field, written
   * {@code {param: cn.pipl.necessaryFields, for: purpose}}: a table such as purpose to necessary fields.
   * A request value without an entry compares as an empty list: {@code notIn} holds, everything else fails.
   *
   * @param name the parameter, whose value maps each value of {@code key} to an operand
   * @param key the request field whose value selects the entry
   */
  record ParamEntry(String name, Field key) implements Operand {
    public ParamEntry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
    }
  }
}
