package dev.tollgate.internal.facts;

import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.Operand;
import dev.tollgate.rules.Operator;
import dev.tollgate.rules.ValueType;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One constraint on {@link Facts}, compiled from a pack condition with its parameters resolved.
 *
 * <p>The id states the constraint completely ({@code purpose eq MARKETING}): the rule engine shares
 * constraints with equal ids between rules, so two different tests must never share one.
 *
 * @param id the canonical text of the constraint
 * @param predicate the test
 * @param indexField for an equality on text, enum or boolean, the field the engine may hash on; else null
 * @param indexValue the value compared with it
 */
public record Constraint(String id, Predicate<Facts> predicate, Field indexField, Object indexValue) {

  /**
   * The conjuncts of a condition as separate tests, so that the rule engine can share and index each
   * one; nested {@code any} and {@code not} become one test each.
   *
   * @param params the pack's parameters, with any institution overrides applied
   */
  public static List<Constraint> conjuncts(Condition condition, Map<String, Object> params) {
    return conjuncts(condition, params, null);
  }

  /**
   * The conjuncts of a condition that may count rolling windows.
   *
   * @param windows numbers the windows of the engine's rules; null when the condition has none
   */
  public static List<Constraint> conjuncts(Condition condition, Map<String, Object> params, WindowSlots windows) {
    List<Constraint> out = new ArrayList<>();
    if (condition instanceof Condition.AllOf all) {
      for (Condition c : all.conditions()) {
        out.addAll(conjuncts(c, params, windows));
      }
    } else {
      out.add(of(condition, params, windows));
    }
    return out;
  }

  /** The fields a condition reads. */
  public static Set<Field> fields(Condition condition) {
    Set<Field> out = EnumSet.noneOf(Field.class);
    collect(condition, out);
    return out;
  }

  private static void collect(Condition condition, Set<Field> out) {
    condition.parts().forEach(c -> {
      if (c instanceof Condition.AnyItem a) {
        out.add(a.list());
      } else if (c instanceof Condition.Window) {
        out.add(Field.PRODUCT);
        out.add(Field.DEBT_ID);
      } else if (c instanceof Condition.Compare cmp) {
        out.add(cmp.field());
        if (cmp.operand() instanceof Operand.ParamEntry e) {
          out.add(e.key());
        }
      } else if (!(c instanceof Condition.AllOf || c instanceof Condition.AnyOf || c instanceof Condition.Not)) {
        throw unknown(c);
      }
    });
  }

  /**
   * One test for a whole condition; {@code any}, {@code not} and quantifiers keep their parts inside.
   *
   * @param params the pack's parameters, with any institution overrides applied
   */
  public static Constraint of(Condition condition, Map<String, Object> params) {
    return of(condition, params, null);
  }

  /**
   * One test for a whole condition that may count rolling windows.
   *
   * @param windows numbers the windows of the engine's rules; null when the condition has none
   */
  public static Constraint of(Condition condition, Map<String, Object> params, WindowSlots windows) {
    if (condition instanceof Condition.AllOf all) {
      List<Constraint> parts = all.conditions().stream().map(c -> of(c, params, windows)).toList();
      Predicate<Facts>[] ps = predicates(parts);
      return new Constraint("all(" + ids(parts) + ")", f -> {
        for (Predicate<Facts> p : ps) {
          if (!p.test(f)) {
            return false;
          }
        }
        return true;
      }, null, null);
    }
    if (condition instanceof Condition.AnyOf any) {
      List<Constraint> parts = any.conditions().stream().map(c -> of(c, params, windows)).toList();
      Predicate<Facts>[] ps = predicates(parts);
      return new Constraint("any(" + ids(parts) + ")", f -> {
        for (Predicate<Facts> p : ps) {
          if (p.test(f)) {
            return true;
          }
        }
        return false;
      }, null, null);
    }
    if (condition instanceof Condition.Not not) {
      Constraint inner = of(not.condition(), params, windows);
      Predicate<Facts> p = inner.predicate();
      return new Constraint("not(" + inner.id() + ")", f -> !p.test(f), null, null);
    }
    if (condition instanceof Condition.AnyItem any) {
      Constraint inner = of(any.condition(), params, windows);
      Predicate<Facts> p = inner.predicate();
      int list = any.list().ordinal();
      return new Constraint(Condition.AnyItem.yamlName(any.list()) + "(" + inner.id() + ")", f -> {
        List<Facts> items = f.items(list);
        for (int i = 0; i < items.size(); i++) {
          if (p.test(items.get(i))) {
            return true;
          }
        }
        return false;
      }, null, null);
    }
    if (condition instanceof Condition.Compare cmp) {
      return compare(cmp, params);
    }
    if (condition instanceof Condition.Window w) {
      if (windows == null) {
        throw new IllegalStateException("a window condition needs the engine's window slots");
      }
      int slot = windows.slot(w);
      int cap = cap(w, params);
      // The id holds the whole window and the cap, so that rules on different windows or caps never share it.
      return new Constraint("window " + windows.keys().get(slot) + " atLeast " + cap, f -> f.windowCount(slot) >= cap,
          null, null);
    }
    throw unknown(condition);
  }

  /** A window's cap, with its parameter resolved. */
  public static int cap(Condition.Window w, Map<String, Object> params) {
    Object v = w.atLeast() instanceof Operand.Param p ? params.get(p.name()) : ((Operand.Literal) w.atLeast()).value();
    return ((BigDecimal) v).intValueExact();
  }

  // Java 17 has no pattern switch, so a new kind of Condition must be added to each instanceof chain;
  // ConstraintTest checks that every permitted subclass is handled.
  private static IllegalStateException unknown(Condition c) {
    return new IllegalStateException("no translation for condition kind " + c.getClass().getSimpleName());
  }

  @SuppressWarnings("unchecked")
  private static Predicate<Facts>[] predicates(List<Constraint> parts) {
    return parts.stream().map(Constraint::predicate).toArray(Predicate[]::new);
  }

  /**
   * A value written so that two different values never read the same: texts quoted and escaped as in
   * JSON, so that ["AI, generated"] and ["AI", "generated"] stay apart.
   */
  static String canonical(Object value) {
    if (value instanceof String s) {
      StringBuilder sb = new StringBuilder("\"");
      for (char ch : s.toCharArray()) {
        if (ch == '"' || ch == '\\') {
          sb.append('\\').append(ch);
        } else if (ch < 0x20) {
          sb.append(String.format("\\u%04x", (int) ch));
        } else {
          sb.append(ch);
        }
      }
      return sb.append('"').toString();
    }
    if (value instanceof java.util.Collection<?> c) {
      return c.stream().map(Constraint::canonical).collect(Collectors.joining(",", "[", "]"));
    }
    if (value instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> canonical(e.getKey()) + ":" + canonical(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    return String.valueOf(value);
  }

  private static String ids(List<Constraint> parts) {
    return parts.stream().map(Constraint::id).collect(Collectors.joining(", "));
  }

  private static Constraint compare(Condition.Compare cmp, Map<String, Object> params) {
    Field field = cmp.field();
    Object value;
    String shown;
    if (cmp.operand() instanceof Operand.Param p) {
      value = field.operand(cmp.operator(), params.get(p.name()));
      shown = canonical(value);
    } else if (cmp.operand() instanceof Operand.Literal l) {
      value = l.value();
      shown = canonical(value);
    } else if (cmp.operand() instanceof Operand.Category c) {
      value = c.fields();
      shown = "category " + canonical(c.name()) + " " + canonical(value);
    } else if (cmp.operand() instanceof Operand.ParamEntry e) {
      return tableEntry(cmp, e, params);
    } else {
      throw new IllegalStateException("no translation for operand " + cmp.operand());
    }
    int slot = field.ordinal();
    String id = field.path() + " " + cmp.operator().yamlName() + " " + shown;
    Predicate<Object> test = test(field, cmp.operator(), value);
    boolean hashable = cmp.operator() == Operator.EQ && field.itemOf() == null
        && (field.type() == ValueType.STRING || field.type() == ValueType.ENUM || field.type() == ValueType.BOOLEAN);
    return new Constraint(id, f -> test.test(f.value(slot)), hashable ? field : null, hashable ? value : null);
  }

  /**
   * A comparison with the entry of a table parameter at the request's value of the key field. The id
   * holds the whole table, so that two rules on different tables never share a constraint.
   */
  private static Constraint tableEntry(Condition.Compare cmp, Operand.ParamEntry entry, Map<String, Object> params) {
    Field field = cmp.field();
    Operator op = cmp.operator();
    Object table = params.get(entry.name());
    if (!(table instanceof Map<?, ?> map)) {
      throw new IllegalStateException("parameter " + entry.name() + " is not a table: " + table);
    }
    Map<Object, Predicate<Object>> tests = new java.util.HashMap<>();
    Map<Object, Object> typed = new java.util.LinkedHashMap<>();
    map.forEach((k, v) -> {
      Object operand = field.operand(op, v);
      typed.put(k, operand);
      tests.put(k, test(field, op, operand));
    });
    // No entry for the request's value compares as an empty list: nothing is in it.
    Predicate<Object> noEntry = op == Operator.NOT_IN ? v -> true : v -> false;
    int slot = field.ordinal();
    int key = entry.key().ordinal();
    String id = field.path() + " " + op.yamlName() + " " + canonical(entry.name()) + "[" + entry.key().path() + "] of "
        + canonical(typed);
    return new Constraint(id, f -> {
      Object k = f.value(key);
      Predicate<Object> t = k == null ? null : tests.get(k);
      return (t == null ? noEntry : t).test(f.value(slot));
    }, null, null);
  }

  private static Predicate<Object> test(Field field, Operator op, Object value) {
    return switch (op) {
      case EXISTS -> (Boolean) value ? v -> v != null : v -> v == null;
      case EQ -> v -> v != null && same(v, value);
      // Loops over arrays rather than streams: these run inside every rule evaluation, where a stream's
      // set-up cost more than the comparisons (BENCHMARKS.md).
      case IN -> {
        Object[] list = ((List<?>) value).toArray();
        yield v -> v != null && anySame(v, list);
      }
      case NOT_IN -> {
        Object[] list = ((List<?>) value).toArray();
        yield v -> v == null || !anySame(v, list);
      }
      case LT -> v -> v != null && ValueType.compare(v, value) < 0;
      case LE -> v -> v != null && ValueType.compare(v, value) <= 0;
      case GT -> v -> v != null && ValueType.compare(v, value) > 0;
      case GE -> v -> v != null && ValueType.compare(v, value) >= 0;
      case BETWEEN -> between(field, (List<?>) value);
      case MATCHES_PREFIX -> anyText((List<?>) value, String::startsWith);
      case CONTAINS -> v -> v != null && ((List<?>) v).contains(value);
      case CONTAINS_ANY -> anyText((List<?>) value, String::contains);
    };
  }

  private static Predicate<Object> between(Field field, List<?> bounds) {
    Object low = bounds.get(0);
    Object high = bounds.get(1);
    if (field.type() == ValueType.TIME) {
      // A time window [from, to) such as 22:00-08:00 runs past midnight when from is after to.
      LocalTime from = (LocalTime) low;
      LocalTime to = (LocalTime) high;
      if (from.isAfter(to)) {
        return v -> v != null && (!((LocalTime) v).isBefore(from) || ((LocalTime) v).isBefore(to));
      }
      return v -> v != null && !((LocalTime) v).isBefore(from) && ((LocalTime) v).isBefore(to);
    }
    return v -> v != null && ValueType.compare(v, low) >= 0 && ValueType.compare(v, high) <= 0;
  }

  /** Whether a text value passes {@code test} against any of {@code parts}; absent passes none. */
  private static Predicate<Object> anyText(List<?> parts, BiPredicate<String, String> test) {
    String[] texts = parts.toArray(String[]::new);
    return v -> {
      if (v == null) {
        return false;
      }
      for (String t : texts) {
        if (test.test((String) v, t)) {
          return true;
        }
      }
      return false;
    };
  }

  private static boolean anySame(Object v, Object[] list) {
    for (Object x : list) {
      if (same(v, x)) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(Object v, Object x) {
    if (v instanceof BigDecimal a && x instanceof BigDecimal b) {
      return a.compareTo(b) == 0;
    }
    if (v instanceof java.time.OffsetDateTime || v instanceof LocalTime || v instanceof java.time.LocalDate) {
      return ValueType.compare(v, x) == 0;
    }
    return v.equals(x);
  }
}
