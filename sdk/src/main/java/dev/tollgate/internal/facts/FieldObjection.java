package dev.tollgate.internal.facts;

import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Field;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which requested fields a matching rule objects to, from the {@code anyField} parts of its condition.
 * A rule objects to the fields whose removal makes its condition false, as far as fields decide it:
 * <ul>
 *   <li>{@code anyField: c}: the fields that satisfy {@code c};
 *   <li>{@code all}: the union over its field-specific parts (removing them falsifies that part);
 *   <li>{@code any}: the union over its parts that hold, and every field when a part that holds is not
 *       field-specific (no removal of fields would make it false);
 *   <li>anything else: every field.
 * </ul>
 * So shrinking a share to the fields no DENY finding objects to removes the reason of each
 * field-specific finding.
 *
 * <p>Immutable and thread-safe.
 */
public final class FieldObjection {
  private static final int FIELDS = Field.FIELDS.ordinal();

  private final Predicate<Facts> holds;
  private final Selector selector;

  /** The objected fields of facts on which the condition holds: positions in {@code fields}, or null for all. */
  private interface Selector {
    BitSet select(Facts facts);
  }

  private FieldObjection(Predicate<Facts> holds, Selector selector) {
    this.holds = holds;
    this.selector = selector;
  }

  /**
   * The objection of a rule's condition, or null when the condition is not field-specific (it objects to
   * every field whenever it holds).
   *
   * @param params the pack's parameters, with any institution overrides applied
   */
  public static FieldObjection of(Condition condition, Map<String, Object> params) {
    if (condition instanceof Condition.AnyItem any && any.list() == Field.FIELDS) {
      Predicate<Facts> inner = Constraint.of(any.condition(), params).predicate();
      return new FieldObjection(Constraint.of(any, params).predicate(), facts -> {
        List<Facts> items = facts.items(FIELDS);
        BitSet out = new BitSet(items.size());
        for (int i = 0; i < items.size(); i++) {
          if (inner.test(items.get(i))) {
            out.set(i);
          }
        }
        return out;
      });
    }
    if (condition instanceof Condition.AllOf all) {
      List<FieldObjection> specific = new ArrayList<>();
      for (Condition c : all.conditions()) {
        FieldObjection o = of(c, params);
        if (o != null) {
          specific.add(o);
        }
      }
      if (specific.isEmpty()) {
        return null;
      }
      return new FieldObjection(Constraint.of(all, params).predicate(), facts -> union(specific, facts, false));
    }
    if (condition instanceof Condition.AnyOf any) {
      List<FieldObjection> parts = new ArrayList<>();
      boolean anySpecific = false;
      for (Condition c : any.conditions()) {
        FieldObjection o = of(c, params);
        anySpecific |= o != null;
        parts.add(o != null ? o : new FieldObjection(Constraint.of(c, params).predicate(), facts -> null));
      }
      if (!anySpecific) {
        return null;
      }
      return new FieldObjection(Constraint.of(any, params).predicate(), facts -> union(parts, facts, true));
    }
    return null;
  }

  /** The union of the parts' objections; with {@code onlyHolding}, of the parts that hold on the facts. */
  private static BitSet union(List<FieldObjection> parts, Facts facts, boolean onlyHolding) {
    BitSet out = new BitSet();
    for (FieldObjection part : parts) {
      if (onlyHolding && !part.holds.test(facts)) {
        continue;
      }
      BitSet s = part.selector.select(facts);
      if (s == null) {
        return null;
      }
      out.or(s);
    }
    return out;
  }

  /**
   * The positions in the request's {@code fields} that the condition objects to, on facts on which it
   * holds; null when it objects to every field.
   */
  public BitSet objected(Facts facts) {
    return selector.select(facts);
  }
}
