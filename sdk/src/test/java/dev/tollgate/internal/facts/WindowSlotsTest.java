package dev.tollgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.Operand;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowSlotsTest {
  private static final Condition.Window.Span WEEK = new Condition.Window.Span(7, null);

  /** One window, and each of its components changed in turn. */
  private static List<Condition.Window.Count> counts() {
    return List.of(
        count(List.of("MARKETING"), List.of("CALL"), List.of(), false, false),
        count(List.of("COLLECTION"), List.of("CALL"), List.of(), false, false),
        count(List.of("MARKETING"), List.of("SMS"), List.of(), false, false),
        count(List.of("MARKETING"), List.of("CALL"), List.of("REFUSED"), false, false),
        count(List.of("MARKETING"), List.of("CALL"), List.of(), true, false),
        count(List.of("MARKETING"), List.of("CALL"), List.of(), false, true),
        new Condition.Window.Count(List.of("MARKETING"), List.of("CALL"), List.of(), false, false,
            Field.CONSENT_RECORDED_AT),
        new Condition.Window.Count(List.of("MARKETING"), List.of("CALL"), List.of(), false, false,
            Field.DNC_INTERNAL_OPT_OUT_AT));
  }

  private static List<Condition.Window.Span> spans() {
    return java.util.Arrays.asList(WEEK, new Condition.Window.Span(30, null),
        new Condition.Window.Span(0, Duration.ofDays(7)), null);
  }

  @Test
  void slot_sameCountAndSpan_isOneSlotWhateverTheCap() {
    WindowSlots slots = new WindowSlots();
    int a = slots.slot(window(counts().get(0), WEEK, 1));
    // Built again from new lists, with another cap: the same window.
    int b = slots.slot(window(count(new ArrayList<>(List.of("MARKETING")), new ArrayList<>(List.of("CALL")),
        new ArrayList<>(), false, false), new Condition.Window.Span(7, null), 3));
    assertEquals(a, b);
    assertEquals(1, slots.size());
  }

  @Test
  void slot_anyComponentDifferent_isAnotherSlot() {
    WindowSlots slots = new WindowSlots();
    List<Integer> seen = new ArrayList<>();
    for (Condition.Window.Count count : counts()) {
      for (Condition.Window.Span span : spans()) {
        seen.add(slots.slot(window(count, span, 1)));
      }
    }
    assertEquals(counts().size() * spans().size(), slots.size());
    assertEquals(seen.stream().distinct().toList(), seen);
  }

  @Test
  void key_comparesEveryComponentOfTheWindow() {
    // Key's equals and hashCode name Count's and Span's components one by one: a new component needs
    // adding there, and in counts() and spans() above.
    assertEquals(6, Condition.Window.Count.class.getRecordComponents().length, "update WindowSlots.Key");
    assertEquals(2, Condition.Window.Span.class.getRecordComponents().length, "update WindowSlots.Key");
  }

  @Test
  void key_equalsAndHashCode_agreeWithItsComponents() {
    for (Condition.Window.Count c1 : counts()) {
      for (Condition.Window.Span s1 : spans()) {
        for (Condition.Window.Count c2 : counts()) {
          for (Condition.Window.Span s2 : spans()) {
            WindowSlots.Key a = new WindowSlots.Key(c1, s1);
            WindowSlots.Key b = new WindowSlots.Key(c2, s2);
            boolean same = c1.equals(c2) && java.util.Objects.equals(s1, s2);
            assertEquals(same, a.equals(b), a + " vs " + b);
            if (same) {
              assertEquals(a.hashCode(), b.hashCode());
            }
          }
        }
      }
    }
    assertNotEquals(new WindowSlots.Key(counts().get(0), WEEK), "not a key");
  }

  private static Condition.Window.Count count(List<String> purposes, List<String> channels, List<String> outcomes,
      boolean sameProduct, boolean sameDebt) {
    return new Condition.Window.Count(purposes, channels, outcomes, sameProduct, sameDebt);
  }

  private static Condition.Window window(Condition.Window.Count count, Condition.Window.Span span, int cap) {
    return new Condition.Window(count, span, new Operand.Literal(BigDecimal.valueOf(cap)));
  }
}
