package dev.tollgate.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The implicit AI label of one file as GB 45438-2025 annex E writes it: a JSON object under the
 * metadata key {@code AIGC} with the elements {@code Label}, {@code ContentProducer}, {@code ProduceID},
 * {@code ReservedCode1}, {@code ContentPropagator}, {@code PropagateID} and {@code ReservedCode2}.
 *
 * <p>This only reads and classifies the metadata; which elements are required and which values are
 * allowed is written in the pack's rules. Immutable.
 *
 * @param status whether the label is there and readable
 * @param elements for {@link Status#PRESENT}, every element by name with its text; else empty
 * @param printableAscii for {@link Status#PRESENT}, whether every element value lies in 0x20 to 0x7E
 *     (annex E j)); else null
 */
record AigcMetadata(Status status, Map<String, String> elements, Boolean printableAscii) {
  /** The metadata key of the implicit label; container formats map it to their own slot (XMP, ID3 TXXX, ...). */
  static final String KEY = "AIGC";

  private static final AigcMetadata ABSENT = new AigcMetadata(Status.ABSENT, Map.of(), null);
  private static final AigcMetadata MALFORMED = new AigcMetadata(Status.MALFORMED, Map.of(), null);

  enum Status {
    /** No metadata, no {@code AIGC} key, or a null value. */
    ABSENT,
    /** Neither a JSON object nor text holding exactly one, or an element whose value is not text. */
    MALFORMED,
    /** A JSON object whose element values are all text. */
    PRESENT
  }

  AigcMetadata {
    elements = Collections.unmodifiableMap(new LinkedHashMap<>(elements));
  }

  /**
   * Reads the label from a file's metadata. The value under {@code AIGC} may be the object itself or
   * text holding it, since annex E stores it as a JSON string in most containers.
   */
  static AigcMetadata of(Map<String, Object> metadata) {
    Object value = metadata == null ? null : metadata.get(KEY);
    if (value == null) {
      return ABSENT;
    }
    Map<String, String> elements = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getValue() instanceof String s)) {
          return MALFORMED;
        }
        elements.put(String.valueOf(e.getKey()), s);
      }
    } else if (value instanceof String text) {
      JsonNode tree;
      try {
        // The request mapper rejects duplicate keys and trailing text, so an ambiguous label is malformed.
        tree = RequestCodec.MAPPER.readValue(text, JsonNode.class);
      } catch (JsonProcessingException e) {
        return MALFORMED;
      }
      if (tree == null || !tree.isObject()) {
        return MALFORMED;
      }
      for (Map.Entry<String, JsonNode> e : tree.properties()) {
        if (!e.getValue().isTextual()) {
          return MALFORMED;
        }
        elements.put(e.getKey(), e.getValue().textValue());
      }
    } else {
      return MALFORMED;
    }
    return new AigcMetadata(Status.PRESENT, elements, elements.values().stream().allMatch(AigcMetadata::printableAscii));
  }

  /** The text of an element, or null when the label has no such element. */
  String element(String name) {
    return elements.get(name);
  }

  static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }
}
