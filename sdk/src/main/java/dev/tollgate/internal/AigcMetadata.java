package dev.tollgate.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
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

  /**
   * Refuses duplicate keys as the request reader does. The label is the text of a request field, which the
   * request reader's limits already bound, and only a flat object of strings is accepted.
   */
  private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

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
      if (!readObject(text, elements)) {
        return MALFORMED;
      }
    } else {
      return MALFORMED;
    }
    return new AigcMetadata(Status.PRESENT, elements, elements.values().stream().allMatch(AigcMetadata::printableAscii));
  }

  /**
   * Reads text holding one JSON object whose values are all strings into {@code elements}, duplicate keys
   * refused. Anything else (not JSON, another kind of value, a duplicate key, text after the object) gives
   * false: the label is then malformed, whatever else the text holds. Streaming the tokens costs a fraction of building the mapper's tree,
   * which was a large part of a decision on files carrying their label as text (BENCHMARKS.md);
   * AigcMetadataTest compares the two.
   */
  static boolean readObject(String text, Map<String, String> elements) {
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() != JsonToken.END_OBJECT) {
        String key = p.currentName();
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          return false;
        }
        elements.put(key, p.getText());
      }
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
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
