package dev.tollgate.rules;

import java.util.List;
import java.util.Objects;

/**
 * When a rule matches. Conditions are data: the engine translates them into rule-engine constraints
 * and never turns pack text into code.
 */
public sealed interface Condition {

  /** True when every part is true; an empty list is always true. */
  record AllOf(List<Condition> conditions) implements Condition {
    public AllOf {
      conditions = List.copyOf(conditions);
    }
  }

  /** True when at least one part is true; an empty list is never true. */
  record AnyOf(List<Condition> conditions) implements Condition {
    public AnyOf {
      conditions = List.copyOf(conditions);
    }
  }

  /** True when the inner condition is false. */
  record Not(Condition condition) implements Condition {
    public Not {
      Objects.requireNonNull(condition, "condition");
    }
  }

  /**
   * A comparison of a request field or derived fact with an operand. Every operator but
   * {@link Operator#EXISTS} and {@link Operator#NOT_IN} is false when the field is absent.
   */
  record Compare(Field field, Operator operator, Operand operand) implements Condition {
    public Compare {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(operand, "operand");
    }
  }
}
