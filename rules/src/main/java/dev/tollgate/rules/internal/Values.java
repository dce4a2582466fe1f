package dev.tollgate.rules.internal;

import dev.tollgate.rules.Field;
import dev.tollgate.rules.Operator;
import dev.tollgate.rules.ValueType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Which operators suit which field types, and the conversion of written values to typed ones. */
public final class Values {
  private static final Set<Operator> EQUALITY = EnumSet.of(Operator.EQ, Operator.IN, Operator.NOT_IN, Operator.EXISTS);
  private static final Set<Operator> ORDERED =
      EnumSet.of(Operator.EQ, Operator.LT, Operator.LE, Operator.GT, Operator.GE, Operator.BETWEEN, Operator.EXISTS);

  private Values() {}

  /** The operators a condition may apply to a field of the given type. */
  public static Set<Operator> operatorsFor(ValueType type) {
    return switch (type) {
      case STRING -> union(EQUALITY, EnumSet.of(Operator.MATCHES_PREFIX, Operator.CONTAINS_ANY));
      case BOOLEAN -> EnumSet.of(Operator.EQ, Operator.EXISTS);
      case NUMBER -> union(EQUALITY, ORDERED);
      case ENUM -> EQUALITY;
      case DATE, DATE_TIME, TIME -> ORDERED;
      case ENUM_LIST, STRING_LIST -> EnumSet.of(Operator.CONTAINS, Operator.EXISTS);
      case ITEM_LIST -> EnumSet.of(Operator.EXISTS);
    };
  }

  private static Set<Operator> union(Set<Operator> a, Set<Operator> b) {
    EnumSet<Operator> s = EnumSet.copyOf(a);
    s.addAll(b);
    return s;
  }

  /**
   * Converts a plain written value (String, BigDecimal, Boolean, List) into the typed operand of
   * {@code field op value}.
   *
   * @throws IllegalArgumentException naming what was expected when the value does not fit
   */
  public static Object convert(Field field, Operator op, Object plain) {
    if (!operatorsFor(field.type()).contains(op)) {
      throw new IllegalArgumentException("'" + op.yamlName() + "' cannot be used on " + field.path()
          + " (" + describe(field.type()) + "); use one of " + names(operatorsFor(field.type())));
    }
    return switch (op) {
      case EXISTS -> {
        if (plain instanceof Boolean b) {
          yield b;
        }
        throw new IllegalArgumentException("'exists' takes true or false, found " + show(plain));
      }
      case IN, NOT_IN, MATCHES_PREFIX, CONTAINS_ANY -> {
        List<?> list = asList(plain, op);
        if (list.isEmpty()) {
          throw new IllegalArgumentException("'" + op.yamlName() + "' needs at least one value");
        }
        List<Object> out = new ArrayList<>();
        for (Object o : list) {
          boolean fragment = op == Operator.MATCHES_PREFIX || op == Operator.CONTAINS_ANY;
          Object value = fragment ? text(o) : element(field, o);
          if (fragment && ((String) value).isEmpty()) {
            // An empty prefix or substring is in every text, so the test would always hold.
            throw new IllegalArgumentException("'" + op.yamlName() + "' takes non-empty text; '' matches every value");
          }
          out.add(value);
        }
        yield List.copyOf(out);
      }
      case BETWEEN -> {
        List<?> list = asList(plain, op);
        if (list.size() != 2) {
          throw new IllegalArgumentException("'between' takes exactly two values [low, high], found " + list.size());
        }
        Object low = element(field, list.get(0));
        Object high = element(field, list.get(1));
        if (field.type() == ValueType.TIME && compare(low, high) == 0) {
          // [from, to) with from == to is an empty window, a rule that never fires: a silent ALLOW.
          throw new IllegalArgumentException("a time window needs two different ends, found " + show(list.get(0))
              + " twice; for the whole day, leave the condition out");
        }
        if (field.type() != ValueType.TIME && compare(low, high) > 0) {
          throw new IllegalArgumentException("'between' runs from low to high, but " + show(list.get(0))
              + " is after " + show(list.get(1)));
        }
        yield List.of(low, high);
      }
      case CONTAINS -> element(field, plain);
      default -> element(field, plain);
    };
  }

  /** Orders two typed values of the same field type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Object a, Object b) {
    if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
      return x.toInstant().compareTo(y.toInstant());
    }
    return ((Comparable) a).compareTo(b);
  }

  private static List<?> asList(Object plain, Operator op) {
    if (plain instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException("'" + op.yamlName() + "' takes a list of values, found " + show(plain));
  }

  private static Object element(Field field, Object plain) {
    if (plain == null) {
      throw new IllegalArgumentException("a value is required, found null; use 'exists: false' to test for absence");
    }
    return switch (field.type()) {
      case STRING, STRING_LIST -> text(plain);
      case ITEM_LIST -> throw new IllegalArgumentException(field.path() + " is a list of items; test its items with "
          + dev.tollgate.rules.Condition.AnyItem.yamlName(field) + ": {...}");
      case BOOLEAN -> {
        if (plain instanceof Boolean b) {
          yield b;
        }
        throw new IllegalArgumentException("expected true or false, found " + show(plain));
      }
      case NUMBER -> {
        if (plain instanceof BigDecimal d) {
          yield d;
        }
        throw new IllegalArgumentException("expected a number, found " + show(plain));
      }
      case ENUM, ENUM_LIST -> {
        String s = text(plain);
        if (!field.allowedValues().contains(s)) {
          throw new IllegalArgumentException("'" + s + "' is not a value of " + field.path() + " (one of "
              + String.join(", ", field.allowedValues()) + ")");
        }
        yield s;
      }
      case DATE -> {
        try {
          yield LocalDate.parse(text(plain));
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("expected a date like 2025-09-01, found " + show(plain));
        }
      }
      case DATE_TIME -> {
        try {
          yield OffsetDateTime.parse(text(plain));
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("expected a date-time with offset like 2025-09-01T08:00:00+08:00, found "
              + show(plain));
        }
      }
      case TIME -> {
        try {
          yield LocalTime.parse(text(plain));
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("expected a time of day like \"08:00\" (quoted), found " + show(plain));
        }
      }
    };
  }

  private static String text(Object plain) {
    if (plain instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("expected text, found " + show(plain));
  }

  private static String show(Object plain) {
    if (plain == null) {
      return "null";
    }
    if (plain instanceof String s) {
      return "'" + s + "'";
    }
    if (plain instanceof List<?>) {
      return "a list";
    }
    if (plain instanceof java.util.Map<?, ?>) {
      return "a mapping";
    }
    return plain.toString();
  }

  private static String describe(ValueType type) {
    String name = type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }

  private static String names(Set<Operator> ops) {
    List<String> out = new ArrayList<>();
    for (Operator op : ops) {
      out.add(op.yamlName());
    }
    return String.join(", ", out);
  }
}
