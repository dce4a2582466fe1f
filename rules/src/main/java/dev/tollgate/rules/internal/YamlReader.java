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

  private static final YAMLFactory FACTORY = createFactory();
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?(0|[1-9][0-9_]*)(\\.[0-9][0-9_]*)?([eE][-+]?[0-9]{1,4})?");

  private YamlReader() {}

  private static YAMLFactory createFactory() {
    LoaderOptions loader = new LoaderOptions();
    loader.setMaxAliasesForCollections(10);
    loader.setCodePointLimit(MAX_BYTES);
    loader.setNestingDepthLimit(MAX_DEPTH);
    loader.setAllowRecursiveKeys(false);
    // Duplicate keys are found by read() itself, which reports every one with both locations. Turning on
    // LoaderOptions.setAllowDuplicateKeys(false) or STRICT_DUPLICATE_DETECTION would instead stop the
    // parse at the first one, hiding the rest of the file's problems.
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(MAX_STRING)
            .maxDocumentLength(MAX_BYTES)
            .build())
        .build();
  }

  /**
   * Parses one YAML document. The bundled packs' trees are this method's output saved by the build
   * ({@link ParsedYaml}): a change to what it returns for the same bytes needs a new {@code ParsedYaml}
   * format, or jars built before it would be read as if it had not changed.
   *
   * @return the root node, or null when the file cannot be read as YAML at all (the reason is in problems)
   */
  public static Node read(byte[] bytes, Problems problems) {
    if (bytes.length > MAX_BYTES) {
      problems.add("document_too_large", (Node.Mark) null, "$",
          "the file has " + bytes.length + " bytes; at most " + MAX_BYTES + " are accepted");
      return null;
    }
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      YAMLParser p = (YAMLParser) parser;
      if (p.nextToken() == null) {
        problems.add("empty_document", (Node.Mark) null, "$", "the file holds no YAML document");
        return null;
      }
      Node root = value(p, "$", problems);
      if (p.nextToken() != null) {
        problems.add("multiple_documents", mark(p.currentTokenLocation()), "$",
            "the file holds more than one YAML document; put each pack or test suite in its own file");
      }
      return root;
    } catch (StreamConstraintsException e) {
      problems.add("document_too_large", mark(e.getLocation()), "$", e.getOriginalMessage());
      return null;
    } catch (JsonProcessingException e) {
      problems.add("yaml_syntax", mark(e.getLocation()), "$", firstLine(e.getOriginalMessage()));
      return null;
    } catch (IOException | RuntimeException e) {
      // SnakeYAML reports some limits (code points, nesting) as unchecked exceptions.
      problems.add("yaml_syntax", (Node.Mark) null, "$", firstLine(String.valueOf(e.getMessage())));
      return null;
    }
  }

  private static Node value(YAMLParser p, String path, Problems problems) throws IOException {
    Node.Mark mark = mark(p.currentTokenLocation());
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
          Node child = value(p, childPath, problems);
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
          items.add(value(p, path + "[" + items.size() + "]", problems));
        }
        return new Node.Sequence(items, mark);
      }
      case VALUE_STRING -> {
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
