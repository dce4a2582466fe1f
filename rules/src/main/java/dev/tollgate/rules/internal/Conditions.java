package dev.tollgate.rules.internal;

import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Operand;
import dev.tollgate.rules.Operator;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads conditions for lint: a canonical text, so that two conditions written in a different order
 * compare equal, and a search for contradictions that make a condition false for every request.
 */
public final class Conditions {
  private Conditions() {}

  /** The condition as text, with the parts of every {@code all} and {@code any} sorted. */
  public static String canonical(Condition c) {
    if (c instanceof Condition.AllOf a) {
      return "all" + a.conditions().stream().map(Conditions::canonical).sorted().toList();
    }
    if (c instanceof Condition.AnyOf a) {
      return "any" + a.conditions().stream().map(Conditions::canonical).sorted().toList();
    }
    if (c instanceof Condition.Not n) {
      return "not(" + canonical(n.condition()) + ")";
    }
    if (c instanceof Condition.AnyItem i) {
      return "any " + i.list().path() + "(" + canonical(i.condition()) + ")";
    }
    if (c instanceof Condition.Compare cmp) {
      Object value = cmp.operand() instanceof Operand.Literal l ? normal(l.value()) : cmp.operand();
      return cmp.field().path() + " " + cmp.operator().yamlName() + " " + value;
    }
    return c.toString();
  }

  /** Why no request can satisfy the condition, or null when this check finds no reason. */
  public static String contradiction(Condition c) {
    if (c instanceof Condition.AnyOf a) {
      if (a.conditions().isEmpty()) {
        return "'any: []' is never true";
      }
      List<String> reasons = a.conditions().stream().map(Conditions::contradiction).toList();
      return reasons.contains(null) ? null : String.join("; ", reasons);
    }
    if (c instanceof Condition.Not n) {
      return n.condition() instanceof Condition.AllOf all && all.conditions().isEmpty() ? "'not: {all: []}' is never true" : null;
    }
    if (c instanceof Condition.AnyItem i) {
      return contradiction(i.condition());
    }
    if (c instanceof Condition.Compare cmp) {
      return alone(cmp);
    }
    if (c instanceof Condition.AllOf a) {
      List<Condition> parts = new ArrayList<>();
      flatten(a, parts);
      for (Condition part : parts) {
        String reason = contradiction(part);
        if (reason != null) {
          return reason;
        }
      }
      for (int i = 0; i < parts.size(); i++) {
        for (int j = i + 1; j < parts.size(); j++) {
          String reason = clash(parts.get(i), parts.get(j));
          if (reason != null) {
            return reason;
          }
        }
      }
    }
    return null;
  }

  private static void flatten(Condition.AllOf all, List<Condition> out) {
    for (Condition c : all.conditions()) {
      if (c instanceof Condition.AllOf inner) {
        flatten(inner, out);
      } else {
        out.add(c);
      }
    }
  }

  private static String alone(Condition.Compare c) {
    Object v = literal(c);
    if (v instanceof Collection<?> list && list.isEmpty() && c.operator() == Operator.IN) {
      return c.field().path() + " in [] is never true";
    }
    if (c.operator() == Operator.BETWEEN && v instanceof List<?> range && range.size() == 2
        && !(range.get(0) instanceof LocalTime) && order(range.get(0), range.get(1)) > 0) {
      return c.field().path() + " between " + range + " is never true: the low end is above the high end";
    }
    return null;
  }

  /** Why two parts of one {@code all} cannot both hold, or null. */
  private static String clash(Condition x, Condition y) {
    if (x instanceof Condition.Not n && canonical(n.condition()).equals(canonical(y))
        || y instanceof Condition.Not m && canonical(m.condition()).equals(canonical(x))) {
      return "it requires both " + canonical(x) + " and " + canonical(y);
    }
    if (!(x instanceof Condition.Compare a) || !(y instanceof Condition.Compare b) || a.field() != b.field()) {
      return null;
    }
    if (a.operator() == Operator.EXISTS || b.operator() == Operator.EXISTS) {
      Condition.Compare exists = a.operator() == Operator.EXISTS ? a : b;
      Condition.Compare other = exists == a ? b : a;
      boolean absent = Boolean.FALSE.equals(literal(exists));
      boolean otherNeedsValue = other.operator() != Operator.NOT_IN
          && !(other.operator() == Operator.EXISTS && Boolean.FALSE.equals(literal(other)));
      return absent && otherNeedsValue ? both(a, b) : null;
    }
    Object va = literal(a);
    Object vb = literal(b);
    if (va == null || vb == null) {
      return null;
    }
    List<Object> allowedA = allowed(a.operator(), va);
    List<Object> allowedB = allowed(b.operator(), vb);
    if (allowedA != null && allowedB != null && allowedA.stream().noneMatch(allowedB::contains)) {
      return both(a, b);
    }
    if (allowedA != null && b.operator() == Operator.NOT_IN && vb instanceof Collection<?> out && out.containsAll(allowedA)
        || allowedB != null && a.operator() == Operator.NOT_IN && va instanceof Collection<?> out2 && out2.containsAll(allowedB)) {
      return both(a, b);
    }
    if (emptyRange(a, va, b, vb) || emptyRange(b, vb, a, va)) {
      return both(a, b);
    }
    return null;
  }

  /** The values an eq or in admits, normalised; null for other operators. */
  private static List<Object> allowed(Operator op, Object value) {
    if (op == Operator.EQ) {
      return List.of(normal(value));
    }
    if (op == Operator.IN && value instanceof Collection<?> list) {
      return list.stream().map(Conditions::normal).toList();
    }
    return null;
  }

  /** Whether a lower bound {@code low} and an upper bound {@code high} leave no value between them. */
  private static boolean emptyRange(Condition.Compare low, Object lowValue, Condition.Compare high, Object highValue) {
    boolean isLow = low.operator() == Operator.GT || low.operator() == Operator.GE || low.operator() == Operator.EQ;
    boolean isHigh = high.operator() == Operator.LT || high.operator() == Operator.LE || high.operator() == Operator.EQ;
    if (!isLow || !isHigh || low.operator() == Operator.EQ && high.operator() == Operator.EQ) {
      return false;
    }
    int c = order(lowValue, highValue);
    if (c == Integer.MIN_VALUE) {
      return false;
    }
    boolean strict = low.operator() == Operator.GT || high.operator() == Operator.LT;
    return c > 0 || c == 0 && strict;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int order(Object a, Object b) {
    if (a instanceof Comparable ca && b != null && a.getClass() == b.getClass()) {
      return Integer.signum(ca.compareTo(b));
    }
    return Integer.MIN_VALUE;
  }

  private static String both(Condition.Compare a, Condition.Compare b) {
    return "it requires both " + canonical(a) + " and " + canonical(b);
  }

  private static Object literal(Condition.Compare c) {
    return c.operand() instanceof Operand.Literal l ? normal(l.value()) : null;
  }

  private static Object normal(Object value) {
    if (value instanceof BigDecimal d) {
      return new BigDecimal(d.stripTrailingZeros().toPlainString());
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Conditions::normal).toList();
    }
    return value;
  }
}
