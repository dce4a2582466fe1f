package dev.tollgate.rules;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * When a rule matches. Conditions are data: the engine translates them into rule-engine constraints
 * and never turns pack text into code.
 */
public sealed interface Condition {

  /**
   * This condition and every condition inside it, depth first: for code that looks for one kind of part
   * (the windows, the parameters used) wherever it is nested.
   */
  default Stream<Condition> parts() {
    List<Condition> inner = this instanceof AllOf a ? a.conditions() : this instanceof AnyOf o ? o.conditions()
        : this instanceof Not n ? List.of(n.condition()) : this instanceof AnyItem i ? List.of(i.condition()) : List.of();
    return Stream.concat(Stream.of(this), inner.stream().flatMap(Condition::parts));
  }

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

  /**
   * A rolling-window count of the callee's earlier contacts: true when at least {@code atLeast} contacts
   * that match {@code count} lie in the window before the call, so that this call would go past a cap
   * of {@code atLeast}. Only contacts strictly before the request's {@code at} are counted.
   *
   * @param count which earlier contacts count
   * @param within the window, ending at the request's {@code at}; null: every earlier contact ("ever")
   * @param atLeast the number of counted contacts at which the condition holds: a positive whole number,
   *     written in the rule or a parameter
   */
  record Window(Count count, Span within, Operand atLeast) implements Condition {
    public Window {
      Objects.requireNonNull(count, "count");
      Objects.requireNonNull(atLeast, "atLeast");
    }

    /**
     * Which earlier contacts count. An empty list admits any value. A contact whose purpose, product or
     * debt is absent counts as matching: unknown is never "different".
     *
     * @param purposes the purposes that count ({@code MARKETING}, {@code COLLECTION}, {@code SERVICE})
     * @param channels the channels that count ({@code CALL}, {@code SMS}); a contact without one is a CALL
     * @param outcomes the outcomes that count, after removing {@code excludeOutcomes}; empty: all
     * @param sameProduct only contacts about the request's {@code product} (all when the request has none)
     * @param sameDebt only contacts about the request's {@code debt.id} (all when the request has none)
     * @param since a date-time field of the request: only contacts at or after its value count (all when the
     *     request has none), so that a consent given afresh ends the effect of older refusals; null: no bound
     */
    public record Count(List<String> purposes, List<String> channels, List<String> outcomes, boolean sameProduct,
        boolean sameDebt, Field since) {
      public Count {
        purposes = List.copyOf(purposes);
        channels = List.copyOf(channels);
        outcomes = List.copyOf(outcomes);
      }

      /** A count without a {@code since} bound. */
      public Count(List<String> purposes, List<String> channels, List<String> outcomes, boolean sameProduct,
          boolean sameDebt) {
        this(purposes, channels, outcomes, sameProduct, sameDebt, null);
      }
    }

    /**
     * The length of a window that ends at the request's {@code at}: either whole calendar days in the
     * callee's time zone (the day of the call is the last of them) or a duration (a contact exactly that
     * long before the call has left the window).
     *
     * @param calendarDays the number of local calendar days, or 0 for a duration
     * @param duration the duration, or null for calendar days
     */
    public record Span(int calendarDays, java.time.Duration duration) {
      public Span {
        if ((calendarDays > 0) == (duration != null) || calendarDays < 0
            || duration != null && (duration.isNegative() || duration.isZero())) {
          throw new IllegalArgumentException("a window is either a positive number of calendar days or a positive duration");
        }
      }

      @Override
      public String toString() {
        return calendarDays > 0 ? calendarDays + " local days" : duration.toString();
      }
    }
  }
}
