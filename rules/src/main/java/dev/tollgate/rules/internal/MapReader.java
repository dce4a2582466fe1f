package dev.tollgate.rules.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one YAML mapping by name, recording each problem with its JSON path, and at
 * {@link #finish()} reports every key that no reader asked for as an unknown field.
 */
public final class MapReader {
  private final Node.Mapping mapping;
  private final String path;
  private final Problems problems;
  private final Set<String> known = new LinkedHashSet<>();

  private MapReader(Node.Mapping mapping, String path, Problems problems) {
    this.mapping = mapping;
    this.path = path;
    this.problems = problems;
  }

  /** A reader over {@code node}, or null (with a problem recorded) when it is not a mapping. */
  public static MapReader of(Node node, String path, Problems problems) {
    if (node instanceof Node.Mapping m) {
      return new MapReader(m, path, problems);
    }
    problems.add("wrong_type", node, path, "expected a mapping of fields, found " + node.kindName());
    return null;
  }

  public String path() {
    return path;
  }

  public Node node() {
    return mapping;
  }

  public Problems problems() {
    return problems;
  }

  public String pathOf(String key) {
    return path + "." + key;
  }

  /** The value under {@code key}, or null when absent; marks the key as known. */
  public Node get(String key) {
    known.add(key);
    Node.Entry e = mapping.entries().get(key);
    return e == null ? null : e.value();
  }

  /** The value under {@code key}, recording {@code missing_field} when absent. */
  public Node require(String key) {
    Node n = get(key);
    if (n == null) {
      problems.add("missing_field", mapping, path, "required field '" + key + "' is missing");
    }
    return n;
  }

  public boolean has(String key) {
    return mapping.entries().containsKey(key);
  }

  public Set<String> keys() {
    return mapping.entries().keySet();
  }

  public String string(String key, boolean required) {
    Node n = required ? require(key) : get(key);
    return n == null ? null : asString(n, pathOf(key));
  }

  public String asString(Node n, String at) {
    if (n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.STRING && !s.text().isBlank()) {
      return s.text();
    }
    if (n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.STRING) {
      problems.add("wrong_type", n, at, "expected text, found an empty value");
    } else {
      problems.add("wrong_type", n, at, "expected text, found " + n.kindName());
    }
    return null;
  }

  public Boolean bool(String key, boolean required) {
    Node n = required ? require(key) : get(key);
    if (n == null) {
      return null;
    }
    if (n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.BOOLEAN) {
      return Boolean.valueOf(s.text());
    }
    problems.add("wrong_type", n, pathOf(key), "expected true or false, found " + n.kindName());
    return null;
  }

  /** Reads a field that must be one of the given upper-case names. */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type, boolean required) {
    String s = string(key, required);
    if (s == null) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    problems.add("invalid_value", get(key), pathOf(key), "'" + s + "' is not one of " + String.join(", ", names));
    return null;
  }

  /** Records every key of the mapping that was never asked for. */
  public void finish() {
    for (Node.Entry e : mapping.entries().values()) {
      if (!known.contains(e.key())) {
        problems.add("unknown_field", e.keyMark(), pathOf(e.key()), "unknown field '" + e.key() + "'"
            + Suggestions.hintFrom(e.key(), known)
            + " (expected one of: " + String.join(", ", known) + ")");
      }
    }
  }

  /**
   * The plain Java value of a node: String, BigDecimal, Boolean, null, or an unmodifiable List or
   * insertion-ordered Map of those.
   */
  public static Object plain(Node n) {
    if (n instanceof Node.Scalar s) {
      return switch (s.kind()) {
        case STRING -> s.text();
        case INTEGER, DECIMAL -> new BigDecimal(s.text().replace("_", ""));
        case BOOLEAN -> Boolean.valueOf(s.text());
        case NULL -> null;
      };
    }
    if (n instanceof Node.Sequence seq) {
      List<Object> out = new ArrayList<>();
      for (Node item : seq.items()) {
        out.add(plain(item));
      }
      return java.util.Collections.unmodifiableList(out);
    }
    Node.Mapping m = (Node.Mapping) n;
    Map<String, Object> out = new LinkedHashMap<>();
    for (Node.Entry e : m.entries().values()) {
      out.put(e.key(), plain(e.value()));
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
