package dev.tollgate.internal;

import java.time.LocalDate;

/**
 * The one fact a decision inserts into the rule engine: the request's fields and derived facts in
 * slots indexed by {@link dev.tollgate.rules.Field#ordinal()}, the packs selected for the request, and
 * the day that decides effective dates.
 *
 * <p>Filled once per decision before evaluation, then only read.
 */
public final class Facts {
  private final Object[] values;
  private final boolean[] selectedPacks;
  private final LocalDate day;

  Facts(Object[] values, boolean[] selectedPacks, LocalDate day) {
    this.values = values;
    this.selectedPacks = selectedPacks;
    this.day = day;
  }

  /** The value of a field by ordinal: String, Boolean, BigDecimal, java.time value, List, or null if absent. */
  public Object value(int field) {
    return values[field];
  }

  public boolean packSelected(int pack) {
    return selectedPacks[pack];
  }

  /** The date of the request's {@code at} in its own offset; effective dates are compared with it. */
  public LocalDate day() {
    return day;
  }
}
