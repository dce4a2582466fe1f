package dev.tollgate.rules;

import java.util.Objects;

/**
 * A named value of a pack that rules refer to as {@code {param: name}}, so that an institution can
 * override it without editing the rules.
 *
 * @param name the parameter name
 * @param value a plain value: String, Boolean, BigDecimal, or an unmodifiable List or Map of those
 * @param description what the value means and where it comes from (law, or the institution's policy)
 */
public record Parameter(String name, Object value, Text description) {
  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(description, "description");
  }
}
