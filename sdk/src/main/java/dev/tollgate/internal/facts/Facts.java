package dev.tollgate.internal.facts;

import dev.tollgate.rules.Field;
import java.time.LocalDate;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The one fact a decision inserts into the rule engine: the request's fields and derived facts in
 * slots indexed by {@link dev.tollgate.rules.Field#ordinal()}, the packs selected for the request, and
 * the day that decides effective dates. Each list that conditions quantify over ({@code content},
 * {@code fields}) has one {@code Facts} per item beside its plain value, which answers the item's own
 * fields and defers every other field to the request.
 *
 * <p>Filled once per decision before evaluation, then only read, except that the fields of an item made
 * with a reader are read when first asked for. Not thread-safe: one decision's thread uses them.
 */
public final class Facts {
  private static final boolean[] ITEM_FIELD = itemFields();
  /** Per field ordinal, the bit of an item field in {@link #itemRead}. */
  private static final int[] ITEM_BIT = itemBits();

  private final Object[] values;
  /** Per list field, the facts of its items; null until a list has them. Items read their request's. */
  private Object[] items;
  private final boolean[] selectedPacks;
  private final LocalDate day;
  /** For the facts of one item, the facts of the request; else null. */
  private final Facts request;
  /** For the facts of one item read when asked, how an item field is read by ordinal; else null. */
  private final IntFunction<Object> itemReader;
  /** With {@link #itemReader}, which item fields have been read, as bits by {@link #ITEM_BIT}. */
  private long itemRead;
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
    this.itemReader = null;
  }

  private Facts(Facts request, Object[] itemValues, IntFunction<Object> itemReader) {
    this.values = itemValues;
    this.selectedPacks = request.selectedPacks;
    this.day = request.day;
    this.request = request;
    this.itemReader = itemReader;
  }

  private static boolean[] itemFields() {
    Field[] fields = Field.values();
    boolean[] out = new boolean[fields.length];
    for (Field f : fields) {
      out[f.ordinal()] = f.itemOf() != null;
    }
    return out;
  }

  private static int[] itemBits() {
    int[] out = new int[ITEM_FIELD.length];
    int bit = 0;
    for (int f = 0; f < out.length; f++) {
      out[f] = ITEM_FIELD[f] ? bit++ : -1;
    }
    if (bit > Long.SIZE) {
      throw new IllegalStateException(bit + " fields of list items: Facts marks the ones read in a long");
    }
    return out;
  }

  /** The value of a field by ordinal: String, Boolean, BigDecimal, java.time value, List, or null if absent. */
  public Object value(int field) {
    if (request == null) {
      return values[field];
    }
    if (!ITEM_FIELD[field]) {
      return request.values[field];
    }
    if (itemReader != null) {
      long bit = 1L << ITEM_BIT[field];
      if ((itemRead & bit) == 0) {
        values[field] = itemReader.apply(field);
        itemRead |= bit;
      }
    }
    return values[field];
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
    return new Facts(this, itemValues, null);
  }

  /**
   * The facts of one item of this request whose fields are read by {@code reader} (by field ordinal) when
   * a test first asks for them: a test that never reaches a field never reads it.
   */
  public Facts item(IntFunction<Object> reader) {
    return new Facts(this, new Object[values.length], reader);
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
