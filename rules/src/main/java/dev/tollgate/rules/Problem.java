package dev.tollgate.rules;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a pack or test file, located where a person editing the YAML can find it.
 *
 * @param code a stable snake_case code, e.g. {@code duplicate_key}
 * @param file the file as given to the loader
 * @param line the 1-based line, or 0 when the problem concerns the whole file
 * @param column the 1-based column, or 0 when the problem concerns the whole file
 * @param path the JSON path of the value, e.g. {@code $.rules[2].citation}
 * @param message what is wrong and, where it helps, what was expected
 */
public record Problem(String code, String file, int line, int column, String path, String message)
    implements Comparable<Problem> {

  private static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
      .thenComparingInt(Problem::line)
      .thenComparingInt(Problem::column)
      .thenComparing(Problem::code)
      .thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public int compareTo(Problem o) {
    return ORDER.compare(this, o);
  }

  /** {@code file:line:col: code: message (at path)}, the form editors and CI logs link to. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + code + ": " + message + " (at " + path + ")";
  }
}
