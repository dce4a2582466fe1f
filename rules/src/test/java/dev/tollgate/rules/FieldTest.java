package dev.tollgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FieldTest {
  @Test
  void itemOf_fieldOfEachFile_isTheContentList() {
    assertEquals(Field.CONTENT, Field.CONTENT_AI_GENERATED.itemOf());
    assertEquals(Field.CONTENT, Field.CONTENT_AIGC_LABEL.itemOf());
  }

  @Test
  void itemOf_fieldOfTheRequest_isNull() {
    assertNull(Field.CONTENT.itemOf());
    assertNull(Field.AI_LABEL_RHYTHM_NORMALIZED.itemOf());
  }

  @Test
  void itemOf_everyItemField_belongsToAQuantifiableList() {
    for (Field f : Field.values()) {
      if (f.path().contains("[]")) {
        assertTrue(f.itemOf().quantifiable(), f.path());
        assertTrue(f.itemOf().type() == ValueType.ITEM_LIST || f.itemOf().type() == ValueType.STRING_LIST, f.path());
        assertEquals(f.itemOf().requestTypes(), f.requestTypes(), f.path());
      }
    }
  }

  @Test
  void itemOf_nameOfARequestedField_isTheFieldsList() {
    assertEquals(Field.FIELDS, Field.FIELDS_NAME.itemOf());
  }

  @Test
  void quantifiable_listsWithItemFields_only() {
    assertTrue(Field.CONTENT.quantifiable());
    assertTrue(Field.FIELDS.quantifiable());
    assertFalse(Field.SHARE_CONSENT_NOTICE_GIVEN.quantifiable());
    assertFalse(Field.SHARE_PURPOSE.quantifiable());
  }

  @Test
  void anyItemYamlName_contentAndFields_areAnyContentAndAnyField() {
    assertEquals("anyContent", Condition.AnyItem.yamlName(Field.CONTENT));
    assertEquals("anyField", Condition.AnyItem.yamlName(Field.FIELDS));
  }

  @Test
  void anyItem_overAListWithoutItemFields_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Condition.AnyItem(Field.SHARE_CONSENT_NOTICE_GIVEN, new Condition.AllOf(java.util.List.of())));
    assertEquals("consent.noticeGiven is not a list of items", e.getMessage());
  }
}
