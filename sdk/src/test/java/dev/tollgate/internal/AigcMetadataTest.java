package dev.tollgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.internal.codec.RequestCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

  /**
   * The label as the strict request mapper's tree reading gives it (what AigcMetadata did before it had
   * a reader of its own): the elements, or null for a malformed label.
   */
  private static Map<String, String> jackson(String text) {
    JsonNode tree;
    try {
      tree = RequestCodec.MAPPER.readValue(text, JsonNode.class);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (tree == null || !tree.isObject()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      if (!e.getValue().isTextual()) {
        return null;
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  private static void assertSameAsJackson(String text) {
    Map<String, String> read = new LinkedHashMap<>();
    Map<String, String> expected = jackson(text);
    boolean ok = AigcMetadata.readObject(text, read);
    assertEquals(expected != null, ok, () -> "accepted? " + text);
    if (ok) {
      assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(read.entrySet()), text);
    }
  }

  @Test
  void readObject_edgeCases_readAsTheRequestMapperReadsThem() {
    for (String text : List.of("{}", " {} ", "\t\r\n{ }\n", "{\"a\":\"b\"}", "{ \"a\" : \"b\" , \"c\" : \"\" }",
        "{\"a\":\"b\",}", "{,}", "{\"a\"}", "{\"a\":}", "{\"a\" \"b\"}", "{\"a\":\"b\" \"c\":\"d\"}",
        "{\"a\":\"b\"", "{\"a\":\"b", "{\"a", "{", "}", "", " ", "\uFEFF{}", "\f{}", "\u00A0{}", "{}\u0000",
        "{'a':'b'}", "{a:\"b\"}", "{\"a\":'b'}", "/*c*/{}", "{}//c", "# c\n{}", "{} #",
        "{\"a\":\"\\u0041\\u00e9\\uD83D\\uDE00\\uDE00\\u0000\"}", "{\"a\":\"\\u00G1\"}", "{\"a\":\"\\u12\"}",
        "{\"a\":\"\\u\"}", "{\"a\":\"\\\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\'\"}", "{\"a\":\"\\/\\b\\f\\n\\r\\t\\\\\\\"\"}",
        "{\"a\":\"\u0001\"}", "{\"a\":\"\u007F\u0080示例\"}", "{\"a\":\"tab\there\"}", "{\"a\":\"\\uFF10\"}",
        "{\"a\":\"1\",\"a\":\"1\"}", "{\"a\":\"1\",\"\\u0061\":\"2\"}", "{\"\":\"\"}", "{\"a\":1}", "{\"a\":null}",
        "{\"a\":true}", "{\"a\":[\"b\"]}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":\"b\"}}", "{\"a\":\"b\"}{}",
        "{\"a\":\"b\"} x", "[]", "\"{}\"", "null", "1", "NaN", "{\"Label\":\"1\",\"ContentProducer\":\"001191110108MA01\"}")) {
      assertSameAsJackson(text);
    }
  }

  @Test
  void readObject_mutatedLabels_readAsTheRequestMapperReadsThem() {
    String[] pieces = {"{", "}", "\"", ":", ",", " ", "\\", "u", "0", "a", "F", "n", "\n", "\t", "\u0001", "[", "1",
        "\\u0041", "\\n", "é", "\uD83D", "null", "\u00A0"};
    Random random = new Random(20260315);
    String label = "{\"Label\":\"1\",\"ContentProducer\":\"P\\u00e9 1\",\"ProduceID\":\"x/1\",\"ReservedCode1\":\"\"}";
    int accepted = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder(label);
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(sb.length() + 1);
        switch (random.nextInt(3)) {
          case 0 -> sb.insert(at, pieces[random.nextInt(pieces.length)]);
          case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(3)));
          default -> sb.replace(at, Math.min(sb.length(), at + 1), pieces[random.nextInt(pieces.length)]);
        }
      }
      String text = sb.toString();
      assertSameAsJackson(text);
      accepted += jackson(text) != null ? 1 : 0;
    }
    // Both answers occur often enough for the comparison to mean something.
    assertTrue(accepted > 2_000 && accepted < 18_000, "accepted " + accepted);
  }
}
