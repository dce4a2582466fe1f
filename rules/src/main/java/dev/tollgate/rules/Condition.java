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
   * True when at least one item of a list field satisfies the condition; never true when the list is
   * absent or empty. Written {@code anyContent: {...}} for the list {@code content} and
   * {@code anyField: {...}} for the requested {@code fields}, where a matching rule objects to exactly
   * the fields that satisfy the condition. Inside, the fields
   * of the item ({@code content[].aiGenerated}) read the item being tested and every other field reads
   * the request, so a rule can say "some AI-generated file of this share carries no label" without
   * mixing the properties of two different files.
   *
   * @param list a list field whose items have fields of their own ({@link Field#quantifiable()})
   * @param condition the test applied to each item
   */
  record AnyItem(Field list, Condition condition) implements Condition {
    public AnyItem {
      Objects.requireNonNull(list, "list");
      Objects.requireNonNull(condition, "condition");
      if (!list.quantifiable()) {
        throw new IllegalArgumentException(list.path() + " is not a list of items");
      }
    }

    /**
     * The key that introduces the quantifier in a pack: {@code any} and the list's name, e.g.
     * {@code anyContent}; for the requested {@code fields}, {@code anyField}, which reads as what it tests.
     */
    public static String yamlName(Field list) {
      String name = list == Field.FIELDS ? "field" : list.path();
      return "any" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
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
