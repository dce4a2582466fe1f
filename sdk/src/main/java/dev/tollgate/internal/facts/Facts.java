package dev.tollgate.internal.facts;

import dev.tollgate.rules.Field;
import java.time.LocalDate;
import java.util.List;

/**
 * The one fact a decision inserts into the rule engine: the request's fields and derived facts in
 * slots indexed by {@link dev.tollgate.rules.Field#ordinal()}, the packs selected for the request, and
 * the day that decides effective dates. Each list that conditions quantify over ({@code content},
 * {@code fields}) has one {@code Facts} per item beside its plain value, which answers the item's own
 * fields and defers every other field to the request.
 *
 * <p>Filled once per decision before evaluation, then only read.
 */
public final class Facts {
  private static final boolean[] ITEM_FIELD = itemFields();

  private final Object[] values;
  /** Per list field, the facts of its items; null until a list has them. Items read their request's. */
  private Object[] items;
  private final boolean[] selectedPacks;
  private final LocalDate day;
  /** For the facts of one item, the facts of the request; else null. */
  private final Facts request;
  /** The counts of the rolling windows, by {@link WindowSlots} slot; set before evaluation. */
  private int[] windowCounts = new int[0];
  /**
   * The rules that matched, by index, as bits: written by the rules' consequences while these facts are
   * evaluated, read after. Each decision has its own facts, so this is never shared between threads.
   */
  private long[] matched = new long[1];

  public Facts(Object[] values, boolean[] selectedPacks, LocalDate day) {
    this.values = values;
    this.selectedPacks = selectedPacks;
    this.day = day;
    this.request = null;
  }

  private Facts(Facts request, Object[] itemValues) {
    this.values = itemValues;
    this.selectedPacks = request.selectedPacks;
    this.day = request.day;
    this.request = request;
  }

  private static boolean[] itemFields() {
    Field[] fields = Field.values();
    boolean[] out = new boolean[fields.length];
    for (Field f : fields) {
      out[f.ordinal()] = f.itemOf() != null;
    }
    return out;
  }

  /** The value of a field by ordinal: String, Boolean, BigDecimal, java.time value, List, or null if absent. */
  public Object value(int field) {
    return request != null && !ITEM_FIELD[field] ? request.values[field] : values[field];
  }

  /** The facts of each item of a list field ({@code content}, {@code fields}); empty when the list is absent. */
  @SuppressWarnings("unchecked")
  public List<Facts> items(int listField) {
    Object[] lists = request != null ? request.items : items;
    Object v = lists == null ? null : lists[listField];
    return v == null ? List.of() : (List<Facts>) v;
  }

  /**
   * Sets the facts of the items of a list field, built with {@link #item(Object[])}; called while the
   * facts are filled, before evaluation. The list is kept as it is: the caller must not change it.
   */
  public void putItems(int listField, List<Facts> itemFacts) {
    if (request != null) {
      throw new IllegalStateException("items belong to the facts of the request, not of an item");
    }
    if (items == null) {
      items = new Object[values.length];
    }
    items[listField] = itemFacts;
  }

  /** The facts of one item of this request, from the item's field values in slots by ordinal. */
  public Facts item(Object[] itemValues) {
    return new Facts(this, itemValues);
  }

  /** Sets the counts of the rolling windows, by slot (kept as they are); called while the facts are filled, before evaluation. */
  public void putWindowCounts(int[] counts) {
    this.windowCounts = counts;
  }

  /**
   * The number of earlier contacts in a rolling window, by slot; -1 when the window was not counted for
   * this request (its packs are not in force), which no cap reaches.
   */
  public int windowCount(int slot) {
    int[] counts = request != null ? request.windowCounts : windowCounts;
    return slot < counts.length ? counts[slot] : -1;
  }

  /** Records that the rule with this index matched; called from a rule's consequence. */
  public void matched(int rule) {
    int word = rule >>> 6;
    if (word >= matched.length) {
      matched = java.util.Arrays.copyOf(matched, Math.max(word + 1, matched.length * 2));
    }
    matched[word] |= 1L << rule;
  }

  /** The indexes of the rules that matched, ascending. */
  public int[] matches() {
    int n = 0;
    for (long w : matched) {
      n += Long.bitCount(w);
    }
    int[] out = new int[n];
    int i = 0;
    for (int word = 0; word < matched.length; word++) {
      for (long w = matched[word]; w != 0; w &= w - 1) {
        out[i++] = (word << 6) + Long.numberOfTrailingZeros(w);
      }
    }
    return out;
  }

  public boolean packSelected(int pack) {
    return selectedPacks[pack];
  }

  /** The date of the request's {@code at} in its own offset; effective dates are compared with it. */
  public LocalDate day() {
    return day;
  }
}
