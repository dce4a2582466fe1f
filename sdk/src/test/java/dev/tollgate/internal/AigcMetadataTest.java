package dev.tollgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AigcMetadataTest {
  private static AigcMetadata of(Object aigc) {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("AIGC", aigc);
    return AigcMetadata.of(metadata);
  }

  @Test
  void of_object_isPresentWithItsElements() {
    AigcMetadata m = of(Map.of("Label", "1", "ContentProducer", "P1", "ProduceID", "X1"));
    assertEquals(AigcMetadata.Status.PRESENT, m.status());
    assertEquals("1", m.element("Label"));
    assertEquals("P1", m.element("ContentProducer"));
    assertNull(m.element("PropagateID"));
    assertEquals(true, m.printableAscii());
  }

  @Test
  void of_jsonText_isReadLikeTheObject() {
    AigcMetadata m = of("{\"Label\":\"3\",\"ContentProducer\":\"P1\",\"ProduceID\":\"X1\",\"ReservedCode2\":\"\"}");
    assertEquals(AigcMetadata.Status.PRESENT, m.status());
    assertEquals("3", m.element("Label"));
    assertEquals("", m.element("ReservedCode2"));
  }

  @Test
  void of_noMetadataNoKeyOrNull_isAbsent() {
    assertEquals(AigcMetadata.Status.ABSENT, AigcMetadata.of(null).status());
    assertEquals(AigcMetadata.Status.ABSENT, AigcMetadata.of(Map.of("aigc", Map.of("Label", "1"))).status());
    assertEquals(AigcMetadata.Status.ABSENT, of(null).status());
    assertNull(of(null).printableAscii());
  }

  @Test
  void of_textThatIsNoSingleObject_isMalformed() {
    for (String text : List.of("Label=1", "[\"1\"]", "\"1\"", "null", "", "{\"Label\":\"1\"} {}",
        "{\"Label\":\"1\",\"Label\":\"2\"}")) {
      AigcMetadata m = of(text);
      assertEquals(AigcMetadata.Status.MALFORMED, m.status(), text);
      assertTrue(m.elements().isEmpty(), text);
      assertNull(m.printableAscii(), text);
    }
  }

  @Test
  void of_elementThatIsNoText_isMalformed() {
    Map<String, Object> aigc = new LinkedHashMap<>();
    aigc.put("Label", 1);
    assertEquals(AigcMetadata.Status.MALFORMED, of(aigc).status());
    assertEquals(AigcMetadata.Status.MALFORMED, of("{\"Label\":\"1\",\"ReservedCode1\":{}}").status());
    assertEquals(AigcMetadata.Status.MALFORMED, of("{\"Label\":null}").status());
    assertEquals(AigcMetadata.Status.MALFORMED, of(42).status());
    assertEquals(AigcMetadata.Status.MALFORMED, of(List.of("1")).status());
  }

  @Test
  void of_emptyObject_isPresentWithNoElements() {
    AigcMetadata m = of("{}");
    assertEquals(AigcMetadata.Status.PRESENT, m.status());
    assertTrue(m.elements().isEmpty());
    assertEquals(true, m.printableAscii());
  }

  @Test
  void printableAscii_boundsOfTheRange_areIncluded() {
    assertTrue(AigcMetadata.printableAscii(" ~"));
    assertTrue(AigcMetadata.printableAscii(""));
    assertFalse(AigcMetadata.printableAscii("\u001F"));
    assertFalse(AigcMetadata.printableAscii("\u007F"));
    assertFalse(AigcMetadata.printableAscii("é"));
    assertFalse(AigcMetadata.printableAscii("示例"));
  }

  @Test
  void of_anyNonAsciiElement_clearsPrintableAscii() {
    assertEquals(false, of(Map.of("Label", "1", "ContentPropagator", "平台")).printableAscii());
    assertEquals(false, of("{\"Label\":\"1\",\"PropagateID\":\"a\\tb\"}").printableAscii());
  }
}
