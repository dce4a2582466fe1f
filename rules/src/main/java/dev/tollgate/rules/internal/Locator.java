package dev.tollgate.rules.internal;

import java.util.Map;

/**
 * Finds where a key of a pack file sits, for problems about a pack that was already loaded (lint, the
 * version check), whose model keeps no positions.
 */
public final class Locator {
  private static final Node.Mark FILE = new Node.Mark(1, 1);
  private final Node root;

  private Locator(Node root) {
    this.root = root;
  }

  /** Reads a pack file that loaded without problems. */
  public static Locator of(byte[] yaml, String source) {
    return new Locator(YamlReader.read(yaml, new Problems(source)));
  }

  /** The value of a top-level key, e.g. {@code version}; the file's start if absent. */
  public Node.Mark top(String key) {
    Node value = entry(root, key);
    return value == null ? FILE : value.mark();
  }

  /**
   * The value of a key of the rule with this id ({@code when}, {@code obligation}), or of its id for a
   * null key; the {@code rules} list if the rule is not found.
   */
  public Node.Mark rule(String id, String key) {
    if (entry(root, "rules") instanceof Node.Sequence rules) {
      for (Node item : rules.items()) {
        Node idNode = entry(item, "id");
        if (idNode instanceof Node.Scalar s && s.text().equals(id)) {
          Node value = key == null ? idNode : entry(item, key);
          return value == null ? idNode.mark() : value.mark();
        }
      }
    }
    return top("rules");
  }

  private static Node entry(Node node, String key) {
    if (node instanceof Node.Mapping m) {
      Map<String, Node.Entry> entries = m.entries();
      Node.Entry e = entries.get(key);
      return e == null ? null : e.value();
    }
    return null;
  }
}
