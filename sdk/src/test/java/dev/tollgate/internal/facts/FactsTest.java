package dev.tollgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.Condition;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.Operand;
import dev.tollgate.rules.Operator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactsTest {
  private static final int FIELDS = Field.values().length;

  private static Condition.Compare cmp(Field f, Object value) {
    return new Condition.Compare(f, Operator.EQ, new Operand.Literal(value));
  }

  @Test
  void item_withAReader_readsAFieldWhenATestFirstReachesItAndOnlyOnce() {
    Object[] values = new Object[FIELDS];
    values[Field.VOICE.ordinal()] = "AI_SYNTHETIC";
    Facts facts = new Facts(values, new boolean[] {true}, LocalDate.of(2025, 9, 2));
    List<Integer> reads = new ArrayList<>();
    Map<Field, Object> file = Map.of(Field.CONTENT_AI_GENERATED, false, Field.CONTENT_AIGC_LABEL, "1");
    Facts item = facts.item(field -> {
      reads.add(field);
      return file.get(Field.values()[field]);
    });
    facts.putItems(Field.CONTENT.ordinal(), List.of(item));
    // aiGenerated is false, so the label test after it is never reached and the label never read.
    Constraint aiAndLabelled = Constraint.of(new Condition.AnyItem(Field.CONTENT, new Condition.AllOf(List.of(
        cmp(Field.CONTENT_AI_GENERATED, true), cmp(Field.CONTENT_AIGC_LABEL, "1")))), Map.of());

    assertFalse(aiAndLabelled.predicate().test(facts));
    assertFalse(aiAndLabelled.predicate().test(facts));
    assertEquals(List.of(Field.CONTENT_AI_GENERATED.ordinal()), reads);
    assertEquals("1", item.value(Field.CONTENT_AIGC_LABEL.ordinal()));
    assertEquals(List.of(Field.CONTENT_AI_GENERATED.ordinal(), Field.CONTENT_AIGC_LABEL.ordinal()), reads);
    // A request field asked of an item is the request's, not read from the item.
    assertEquals("AI_SYNTHETIC", item.value(Field.VOICE.ordinal()));
    assertNull(item.value(Field.CONTENT_NAME.ordinal()));
    assertTrue(reads.contains(Field.CONTENT_NAME.ordinal()));
    assertEquals(3, reads.size());
  }
}
