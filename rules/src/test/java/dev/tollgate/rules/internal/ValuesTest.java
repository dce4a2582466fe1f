package dev.tollgate.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.Field;
import dev.tollgate.rules.Operator;
import dev.tollgate.rules.ValueType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void operatorsFor_text_includesContainsAny() {
    assertTrue(Values.operatorsFor(ValueType.STRING).contains(Operator.CONTAINS_ANY));
  }

  @Test
  void operatorsFor_itemList_isOnlyExists() {
    assertEquals(Set.of(Operator.EXISTS), Values.operatorsFor(ValueType.ITEM_LIST));
  }

  @Test
  void convert_containsAnyList_keepsTheTextsInOrder() {
    assertEquals(List.of("生成", "合成"), Values.convert(Field.AI_LABEL_SPOKEN_TEXT, Operator.CONTAINS_ANY, List.of("生成", "合成")));
  }

  @Test
  void convert_containsAnyEmptyText_isRejectedSinceItMatchesEverything() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Values.convert(Field.AI_LABEL_SPOKEN_TEXT, Operator.CONTAINS_ANY, List.of("AI", "")));
    assertEquals("'containsAny' takes non-empty text; '' matches every value", e.getMessage());
  }

  @Test
  void convert_containsAnySingleText_needsAList() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Values.convert(Field.AI_LABEL_SPOKEN_TEXT, Operator.CONTAINS_ANY, "AI"));
    assertEquals("'containsAny' takes a list of values, found 'AI'", e.getMessage());
  }

  @Test
  void convert_containsAnyOnANumber_namesTheAllowedOperators() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Values.convert(Field.AI_LABEL_CHARS_PER_MINUTE, Operator.CONTAINS_ANY, List.of("1")));
    assertTrue(e.getMessage().startsWith("'containsAny' cannot be used on aiLabel.charsPerMinute (a number)"), e.getMessage());
  }

  @Test
  void convert_timeWindowWithEqualEnds_isRejectedSinceItNeverMatches() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Values.convert(Field.CALLEE_LOCAL_TIME, Operator.BETWEEN, List.of("00:00", "00:00")));
    assertTrue(e.getMessage().startsWith("a time window needs two different ends"), e.getMessage());
    assertEquals(List.of(java.time.LocalTime.of(22, 0), java.time.LocalTime.of(8, 0)),
        Values.convert(Field.CALLEE_LOCAL_TIME, Operator.BETWEEN, List.of("22:00", "08:00")));
  }
}
