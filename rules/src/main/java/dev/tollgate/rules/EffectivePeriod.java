package dev.tollgate.rules;

import java.time.LocalDate;

/**
 * The dates on which a pack or rule is in force: from {@code from} inclusive to {@code to} exclusive.
 *
 * @param from the first day in force, or null for "since always"
 * @param to the first day no longer in force, or null for "until further notice"
 */
public record EffectivePeriod(LocalDate from, LocalDate to) {
  /** A period with no bounds. */
  public static final EffectivePeriod ALWAYS = new EffectivePeriod(null, null);

  public EffectivePeriod {
    if (from != null && to != null && !to.isAfter(from)) {
      throw new IllegalArgumentException("effective period ends (" + to + ") on or before it starts (" + from + ")");
    }
  }

  /** Whether the given day lies within the period. */
  public boolean covers(LocalDate day) {
    return (from == null || !day.isBefore(from)) && (to == null || day.isBefore(to));
  }
}
