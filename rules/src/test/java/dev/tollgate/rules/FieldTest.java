package dev.tollgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  void itemOf_everyItemField_belongsToAListOfItems() {
    for (Field f : Field.values()) {
      if (f.path().contains("[]")) {
        assertEquals(ValueType.ITEM_LIST, f.itemOf().type(), f.path());
        assertEquals(f.itemOf().requestTypes(), f.requestTypes(), f.path());
      }
    }
  }

  @Test
  void anyItemYamlName_content_isAnyContent() {
    assertEquals("anyContent", Condition.AnyItem.yamlName(Field.CONTENT));
  }

  @Test
  void anyItem_overAFieldThatIsNoList_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Condition.AnyItem(Field.FIELDS, new Condition.AllOf(java.util.List.of())));
    assertEquals("fields is not a list of items", e.getMessage());
  }
}
