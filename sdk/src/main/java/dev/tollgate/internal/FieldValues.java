package dev.tollgate.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/** The shapes in which facts reach conditions: enums by name, whole numbers as BigDecimal, absent as null. */
final class FieldValues {
  private FieldValues() {}

  static <T, R> R get(T holder, Function<T, R> f) {
    return holder == null ? null : f.apply(holder);
  }

  static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }

  static BigDecimal number(Long n) {
    return n == null ? null : BigDecimal.valueOf(n);
  }

  static List<String> names(List<? extends Enum<?>> list) {
    if (list == null) {
      return null;
    }
    String[] out = new String[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i).name();
    }
    return List.of(out);
  }
}
