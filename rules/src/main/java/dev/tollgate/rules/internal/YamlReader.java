package dev.tollgate.rules.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML written by people into a {@link Node} tree, refusing what a pack never needs and an
 * attacker would use: anchors and aliases (alias bombs), tags (object construction), duplicate keys
 * (a later {@code effect: ALLOW} silently winning), and oversized or deeply nested documents.
 *
 * <p>Thread-safe: the parser factory is shared and each call uses its own parser.
 */
public final class YamlReader {
  /** Largest file accepted, in bytes. */
  public static final int MAX_BYTES = 1 << 20;
  static final int MAX_DEPTH = 50;
  static final int MAX_STRING = 64 * 1024;
  /** Longest line accepted, in characters: no pack needs more, and the parser holds a line whole. */
  static final int MAX_LINE = MAX_STRING;
  /** Problems of one kind reported per file before the rest are summed up: a binary file has thousands. */
  private static final int MAX_REPORTED = 10;

  private static final YAMLFactory FACTORY = createFactory();
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?(0|[1-9][0-9_]*)(\\.[0-9][0-9_]*)?([eE][-+]?[0-9]{1,4})?");

  private YamlReader() {}

  private static YAMLFactory createFactory() {
    LoaderOptions loader = new LoaderOptions();
    loader.setMaxAliasesForCollections(10);
    loader.setCodePointLimit(MAX_BYTES);
    // read() reports nesting deeper than MAX_DEPTH itself, located and in its own words; the parsers' own
    // limits, a little further, only stop what read() would not reach.
    loader.setNestingDepthLimit(MAX_DEPTH + 5);
    loader.setAllowRecursiveKeys(false);
    // Duplicate keys are found by read() itself, which reports every one with both locations. Turning on
    // LoaderOptions.setAllowDuplicateKeys(false) or STRICT_DUPLICATE_DETECTION would instead stop the
    // parse at the first one, hiding the rest of the file's problems.
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH + 5)
            .maxStringLength(MAX_STRING)
            .maxDocumentLength(MAX_BYTES)
            .build())
        .build();
  }

  /**
   * Parses one YAML document.
   *
   * @return the root node, or null when the file cannot be read as YAML at all (the reason is in problems)
   */
  public static Node read(byte[] bytes, Problems problems) {
    if (bytes.length > MAX_BYTES) {
      problems.add("document_too_large", (Node.Mark) null, "$",
          "the file has more than " + MAX_BYTES + " bytes, the most accepted");
      return null;
    }
    if (!scan(bytes, problems)) {
      return null;
    }
    YAMLParser p = null;
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      p = (YAMLParser) parser;
      if (p.nextToken() == null) {
        problems.add("empty_document", (Node.Mark) null, "$", "the file holds no YAML document");
        return null;
      }
      Node root = value(p, "$", 0, problems);
      if (root != null && p.nextToken() != null) {
        problems.add("multiple_documents", mark(p.currentTokenLocation()), "$",
            "the file holds more than one YAML document; put each pack or test suite in its own file");
      }
      return root;
    } catch (StreamConstraintsException e) {
      problems.add("document_too_large", p == null ? null : mark(p.currentLocation()), "$",
          "a value here is longer than accepted (a number of more than 1000 digits)");
      return null;
    } catch (IOException | RuntimeException e) {
      syntax(e, p, problems);
      return null;
    }
  }

  /**
   * Reads a file of at most {@link #MAX_BYTES} bytes, or that many and one more for a larger file, which
   * {@link #read} then refuses: a file too large is never held whole.
   *
   * @throws IOException if the file cannot be read
   */
  public static byte[] readFile(java.nio.file.Path file) throws IOException {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      return in.readNBytes(MAX_BYTES + 1);
    }
  }

  /**
   * Reports what the parser would misread or report at the wrong place: bytes that are not UTF-8 (an
   * overlong {@code C0 AF} would otherwise become {@code /}), characters YAML does not allow (NUL and the
   * other controls but tab and line ends), and lines longer than {@link #MAX_LINE}, each at its line and
   * column in characters, as the parser counts them.
   *
   * @return whether the bytes may be parsed
   */
  static boolean scan(byte[] b, Problems problems) {
    int line = 1;
    int column = 1;
    int bad = 0;
    boolean longLine = false;
    for (int i = 0; i < b.length; ) {
      int c = b[i] & 0xff;
      int length = utf8Length(b, i);
      if (length == 0) {
        if (bad++ < MAX_REPORTED) {
          problems.add("invalid_utf8", new Node.Mark(line, column), "$", String.format(
              "byte 0x%02X does not belong here in UTF-8%s; save the file as UTF-8", c,
              c == 0xC0 || c == 0xC1 || c == 0xE0 || c == 0xF0 ? " (an overlong or cut-off sequence)" : ""));
        }
        i++;
        column++;
        continue;
      }
      int cp = length == 1 ? c : new String(b, i, length, java.nio.charset.StandardCharsets.UTF_8).codePointAt(0);
      if (cp == '\n' || cp == '\r' && (i + 1 == b.length || b[i + 1] != '\n')) {
        line++;
        column = 1;
        longLine = false;
        i += length;
        continue;
      }
      if (!(cp == '\t' || cp == '\r' || cp >= 0x20 && cp <= 0x7e || cp == 0x85 || cp >= 0xa0 && cp <= 0xfffd
          || cp >= 0x10000) && bad++ < MAX_REPORTED) {
        problems.add("invalid_character", new Node.Mark(line, column), "$", String.format(
            "the character U+%04X is not allowed in YAML (a control character); remove it", cp));
      }
      if (column > MAX_LINE && !longLine) {
        longLine = true;
        bad++;
        problems.add("line_too_long", new Node.Mark(line, 1), "$",
            "line " + line + " is longer than " + MAX_LINE + " characters, the most accepted; split it");
      }
      i += length;
      column++;
    }
    if (bad > MAX_REPORTED) {
      problems.add("invalid_utf8", new Node.Mark(line, column), "$", (bad - MAX_REPORTED)
          + " more bytes or characters like these; is this a YAML file?");
    }
    return bad == 0;
  }

  /** The length of the well-formed UTF-8 sequence at {@code i} (Unicode table 3-7), or 0 if there is none. */
  private static int utf8Length(byte[] b, int i) {
    int c = b[i] & 0xff;
    if (c < 0x80) {
      return 1;
    }
    int n;
    int lo = 0x80;
    int hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      lo = c == 0xe0 ? 0xa0 : 0x80;
      hi = c == 0xed ? 0x9f : 0xbf;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      lo = c == 0xf0 ? 0x90 : 0x80;
      hi = c == 0xf4 ? 0x8f : 0xbf;
    } else {
      return 0;
    }
    if (i + n > b.length) {
      return 0;
    }
    int second = b[i + 1] & 0xff;
    if (second < lo || second > hi) {
      return 0;
    }
    for (int k = 2; k < n; k++) {
      int next = b[i + k] & 0xff;
      if (next < 0x80 || next > 0xbf) {
        return 0;
      }
    }
    return n;
  }

  /**
   * A syntax error at the place and in the words of SnakeYAML's problem ("found character '\t' that
   * cannot start any token"), not of the wrapper around it.
   */
  private static void syntax(Exception e, YAMLParser p, Problems problems) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
        org.yaml.snakeyaml.error.Mark at = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
        String problem = marked.getProblem();
        String message = problem.contains("\\t(TAB)") || problem.contains("'\t'")
            ? "a tab is used for indentation or spacing here; YAML indents with spaces only"
            : problem + (marked.getContext() == null ? "" : " (" + marked.getContext() + ")");
        problems.add("yaml_syntax", at == null ? null : new Node.Mark(at.getLine() + 1, at.getColumn() + 1), "$", message);
        return;
      }
    }
    Node.Mark mark = e instanceof JsonProcessingException j ? mark(j.getLocation()) : null;
    String message = firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage()));
    if (message.startsWith("Expected a field name")) {
      message = "a key must be text; a list or mapping cannot be a key";
    } else if (message.contains("org.yaml") || message.contains("com.fasterxml") || message.contains("Exception")) {
      // The parser's own words name its classes: say what the author can act on.
      message = "this is not YAML Tollgate can read; check the indentation and quoting here";
    }
    problems.add("yaml_syntax", mark != null || p == null ? mark : mark(p.currentLocation()), "$", message);
  }

  private static Node value(YAMLParser p, String path, int depth, Problems problems) throws IOException {
    Node.Mark mark = mark(p.currentTokenLocation());
    if (depth >= MAX_DEPTH && (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY)) {
      problems.add("too_deep", mark, path, "the file nests more than " + MAX_DEPTH
          + " levels of lists and mappings here, the most accepted");
      return null;
    }
    if (p.getObjectId() != null) {
      problems.add("anchor_not_allowed", mark, path,
          "anchor '&" + p.getObjectId() + "' is not allowed; write the value out in full");
    }
    if (p.getTypeId() != null) {
      problems.add("tag_not_allowed", mark, path, "tag '" + p.getTypeId() + "' is not allowed");
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          Node.Mark keyMark = mark(p.currentTokenLocation());
          p.nextToken();
          String childPath = path + "." + key;
          Node child = value(p, childPath, depth + 1, problems);
          if (child == null) {
            return null;
          }
          Node.Entry previous = entries.get(key);
          if (previous != null) {
            problems.add("duplicate_key", keyMark, childPath, "key '" + key + "' is already set at line "
                + previous.keyMark().line() + ":" + previous.keyMark().column() + "; each key may appear once");
          } else {
            entries.put(key, new Node.Entry(key, keyMark, child));
          }
        }
        return new Node.Mapping(entries, mark);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          Node item = value(p, path + "[" + items.size() + "]", depth + 1, problems);
          if (item == null) {
            return null;
          }
          items.add(item);
        }
        return new Node.Sequence(items, mark);
      }
      case VALUE_STRING -> {
        if (p.getTextLength() > MAX_STRING) {
          problems.add("document_too_large", mark, path, "a text value of " + p.getTextLength()
              + " characters; at most " + MAX_STRING + " are accepted");
        }
        if (p.isCurrentAlias()) {
          problems.add("alias_not_allowed", mark, path,
              "alias '*" + p.getText() + "' is not allowed; write the value out in full");
        }
        return new Node.Scalar(Node.Scalar.Kind.STRING, p.getText(), mark);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        String text = p.getText();
        if (!PLAIN_NUMBER.matcher(text).matches()) {
          // YAML also reads 0x1F, 0o17, 012 (octal in YAML 1.1), .inf and .nan as numbers; a legal team
          // means none of them, and a misread cap is worse than an error.
          problems.add("invalid_number", mark, path, "'" + text
              + "' is not a plain decimal number; write it like 31 or 0.5, or quote it to mean text");
          return new Node.Scalar(Node.Scalar.Kind.STRING, text, mark);
        }
        return new Node.Scalar(t == JsonToken.VALUE_NUMBER_INT ? Node.Scalar.Kind.INTEGER : Node.Scalar.Kind.DECIMAL,
            text, mark);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        // YAML 1.1 also reads yes/no/on/off as booleans, which turns the country code NO into false.
        String text = p.getText();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
          return new Node.Scalar(Node.Scalar.Kind.STRING, text, mark);
        }
        return new Node.Scalar(Node.Scalar.Kind.BOOLEAN, t == JsonToken.VALUE_TRUE ? "true" : "false", mark);
      }
      case VALUE_NULL -> {
        return new Node.Scalar(Node.Scalar.Kind.NULL, "null", mark);
      }
      default -> throw new IllegalStateException("unexpected YAML token " + t + " at " + path);
    }
  }

  private static Node.Mark mark(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return null;
    }
    return new Node.Mark(location.getLineNr(), location.getColumnNr());
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
