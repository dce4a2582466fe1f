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
}
