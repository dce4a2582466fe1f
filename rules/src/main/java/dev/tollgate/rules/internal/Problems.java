package dev.tollgate.rules.internal;

import dev.tollgate.rules.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one file, so that a reader reports all of them at once. */
public final class Problems {
  private final String file;
  private final List<Problem> list = new ArrayList<>();

  public Problems(String file) {
    this.file = file;
  }

  public String file() {
    return file;
  }

  public void add(String code, Node.Mark mark, String path, String message) {
    list.add(new Problem(code, file, mark == null ? 0 : mark.line(), mark == null ? 0 : mark.column(), path, message));
  }

  public void add(String code, Node at, String path, String message) {
    add(code, at == null ? null : at.mark(), path, message);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(list);
  }
}
