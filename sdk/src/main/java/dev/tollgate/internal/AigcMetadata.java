package dev.tollgate.internal;

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
      if (!readObject(text, elements)) {
        return MALFORMED;
      }
    } else {
      return MALFORMED;
    }
    return new AigcMetadata(Status.PRESENT, elements, elements.values().stream().allMatch(AigcMetadata::printableAscii));
  }

  /**
   * Reads text holding one JSON object (RFC 8259) whose values are all strings into {@code elements}.
   * Anything else (not JSON, another kind of value, a duplicate key, text after the object) gives false:
   * the label is then malformed whatever else the text holds, so the reader stops at the first such
   * character. It accepts exactly what the strict request mapper's tree reading accepted, which took a
   * sixth of a decision on files carrying their label as text (BENCHMARKS.md); AigcMetadataTest compares
   * the two.
   */
  static boolean readObject(String text, Map<String, String> elements) {
    int i = skipSpace(text, 0);
    if (i >= text.length() || text.charAt(i) != '{') {
      return false;
    }
    i = skipSpace(text, i + 1);
    if (i < text.length() && text.charAt(i) == '}') {
      return skipSpace(text, i + 1) == text.length();
    }
    StringBuilder sb = new StringBuilder();
    while (true) {
      i = readString(text, i, sb);
      if (i < 0) {
        return false;
      }
      String key = sb.toString();
      i = skipSpace(text, i);
      if (i >= text.length() || text.charAt(i) != ':') {
        return false;
      }
      i = readString(text, skipSpace(text, i + 1), sb);
      if (i < 0 || elements.putIfAbsent(key, sb.toString()) != null) {
        return false;
      }
      i = skipSpace(text, i);
      if (i >= text.length()) {
        return false;
      }
      char c = text.charAt(i);
      if (c == '}') {
        return skipSpace(text, i + 1) == text.length();
      }
      if (c != ',') {
        return false;
      }
      i = skipSpace(text, i + 1);
    }
  }

  private static int skipSpace(String text, int i) {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        break;
      }
      i++;
    }
    return i;
  }

  /** Reads the JSON string starting at {@code i} into {@code sb}; the index after it, or -1 if there is none. */
  private static int readString(String text, int i, StringBuilder sb) {
    sb.setLength(0);
    if (i >= text.length() || text.charAt(i) != '"') {
      return -1;
    }
    for (i++; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c < 0x20) {
        return -1;
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= text.length()) {
        return -1;
      }
      switch (text.charAt(i)) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (i + 4 >= text.length()) {
            return -1;
          }
          int code = 0;
          for (int k = 1; k <= 4; k++) {
            int digit = Character.digit(text.charAt(i + k), 16);
            if (digit < 0 || text.charAt(i + k) > 'f') {
              return -1;
            }
            code = code * 16 + digit;
          }
          sb.append((char) code);
          i += 4;
        }
        default -> {
          return -1;
        }
      }
    }
    return -1;
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
