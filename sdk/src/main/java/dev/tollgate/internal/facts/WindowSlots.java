package dev.tollgate.internal.facts;

import dev.tollgate.rules.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Numbers the distinct rolling windows (what is counted, over which span) that the loaded rules use, so
 * that each is counted once per decision however many rules, caps or packs share it, and the rules read
 * the count from {@link Facts#windowCount(int)} by slot.
 *
 * <p>Filled while an engine is built, then only read.
 */
public final class WindowSlots {
  /**
   * What one slot counts; the cap is not part of it.
   *
   * <p>Its equals and hashCode are written out, component by component, because the ones a record
   * generates are linked on their first call, a measurable part of a cold build (BENCHMARKS.md).
   */
  public record Key(Condition.Window.Count count, Condition.Window.Span within) {
    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key k)) {
        return false;
      }
      Condition.Window.Count a = count;
      Condition.Window.Count b = k.count;
      return a.purposes().equals(b.purposes()) && a.channels().equals(b.channels()) && a.outcomes().equals(b.outcomes())
          && a.sameProduct() == b.sameProduct() && a.sameDebt() == b.sameDebt() && a.since() == b.since()
          && (within == null ? k.within == null : k.within != null && within.calendarDays() == k.within.calendarDays()
              && Objects.equals(within.duration(), k.within.duration()));
    }

    @Override
    public int hashCode() {
      Condition.Window.Count c = count;
      int h = ((c.purposes().hashCode() * 31 + c.channels().hashCode()) * 31 + c.outcomes().hashCode()) * 4
          + (c.sameProduct() ? 2 : 0) + (c.sameDebt() ? 1 : 0) + (c.since() == null ? 0 : 7 * c.since().ordinal());
      return within == null ? h : (h * 31 + within.calendarDays()) * 31 + Objects.hashCode(within.duration());
    }

    @Override
    public String toString() {
      Condition.Window.Count c = count;
      return "count(purpose " + c.purposes() + ", channel " + c.channels() + ", outcomes " + c.outcomes()
          + (c.sameProduct() ? ", same product" : "") + (c.sameDebt() ? ", same debt" : "")
          + (c.since() == null ? "" : ", since " + c.since().path()) + ") within "
          + (within == null ? "ever" : within.toString());
    }
  }

  private final Map<Key, Integer> slots = new HashMap<>();
  private final List<Key> keys = new ArrayList<>();

  /** The slot of a window's count, assigning the next one to a window not seen before. */
  public int slot(Condition.Window window) {
    Key key = new Key(window.count(), window.within());
    Integer slot = slots.get(key);
    if (slot == null) {
      slot = keys.size();
      slots.put(key, slot);
      keys.add(key);
    }
    return slot;
  }

  /** The windows by slot. */
  public List<Key> keys() {
    return List.copyOf(keys);
  }

  public int size() {
    return keys.size();
  }
}
