package dev.tollgate.rules.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the line and column it starts at, so every later problem can point at it. */
public sealed interface Node {

  /** A 1-based position in the file. */
  record Mark(int line, int column) {}

  Mark mark();

  /** The YAML kind of the value, as a person would name it in an error. */
  String kindName();

  /** A scalar. Quoted scalars are always {@link Kind#STRING}. */
  record Scalar(Kind kind, String text, Mark mark) implements Node {
    public enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    @Override
    public String kindName() {
      return switch (kind) {
        case STRING -> "text";
        case INTEGER, DECIMAL -> "a number";
        case BOOLEAN -> "true/false";
        case NULL -> "null";
      };
    }
  }

  /** A key of a mapping and its value. */
  record Entry(String key, Mark keyMark, Node value) {}

  /** A mapping, keys in file order. */
  record Mapping(Map<String, Entry> entries, Mark mark) implements Node {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String kindName() {
      return "a mapping";
    }
  }

  /** A sequence. */
  record Sequence(List<Node> items, Mark mark) implements Node {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kindName() {
      return "a list";
    }
  }
}
