package dev.tollgate.internal.eval;

import dev.tollgate.internal.facts.Constraint;
import dev.tollgate.internal.facts.WindowSlots;
import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.Operand;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What in a rule's condition depends on when the call is placed: the times of day it compares the
 * callee's local time with, whether it reads the local date, and the rolling windows it counts with their
 * caps. A rule with any of these is temporal: waiting can change its answer.
 *
 * @param times the times of day at which the condition may change
 * @param daily whether it may change at the callee's local midnight (local date or day of week)
 * @param windows pairs of window slot and cap, for windows with a span
 */
record Timing(List<LocalTime> times, boolean daily, List<int[]> windows) {

  boolean temporal() {
    return !times.isEmpty() || daily || !windows.isEmpty();
  }

  static Timing of(Condition condition, Map<String, Object> params, WindowSlots slots) {
    List<LocalTime> times = new ArrayList<>();
    List<int[]> windows = new ArrayList<>();
    boolean[] daily = new boolean[1];
    walk(condition, params, slots, times, windows, daily);
    return new Timing(List.copyOf(times), daily[0], List.copyOf(windows));
  }

  private static void walk(Condition c, Map<String, Object> params, WindowSlots slots, List<LocalTime> times,
      List<int[]> windows, boolean[] daily) {
    if (c instanceof Condition.AllOf a) {
      a.conditions().forEach(x -> walk(x, params, slots, times, windows, daily));
    } else if (c instanceof Condition.AnyOf a) {
      a.conditions().forEach(x -> walk(x, params, slots, times, windows, daily));
    } else if (c instanceof Condition.Not n) {
      walk(n.condition(), params, slots, times, windows, daily);
    } else if (c instanceof Condition.AnyItem a) {
      walk(a.condition(), params, slots, times, windows, daily);
    } else if (c instanceof Condition.Window w) {
      if (w.within() != null) {
        windows.add(new int[] {slots.slot(w), Constraint.cap(w, params)});
      }
    } else if (c instanceof Condition.Compare cmp) {
      Field f = cmp.field();
      if (f == Field.CALLEE_LOCAL_DATE || f == Field.CALLEE_LOCAL_DAY_OF_WEEK
          || f == Field.RECIPIENT_LOCAL_DATE || f == Field.RECIPIENT_LOCAL_DAY_OF_WEEK) {
        daily[0] = true;
      } else if (f == Field.CALLEE_LOCAL_TIME || f == Field.RECIPIENT_LOCAL_TIME) {
        Object v = cmp.operand() instanceof Operand.Param p
            ? cmp.field().operand(cmp.operator(), params.get(p.name()))
            : cmp.operand() instanceof Operand.Literal l ? l.value() : null;
        for (Object t : v instanceof List<?> list ? list : List.of(v == null ? List.of() : v)) {
          if (t instanceof LocalTime lt) {
            times.add(lt);
          }
        }
      }
    }
  }
}
