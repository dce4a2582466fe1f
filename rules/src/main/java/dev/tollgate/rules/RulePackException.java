package dev.tollgate.rules;

import java.util.List;

/**
 * Thrown when packs or pack tests cannot be loaded; holds every problem found, sorted by location.
 */
public final class RulePackException extends RuntimeException {
  private final transient List<Problem> problems;

  /**
   * @param subject what was being loaded, e.g. {@code rule pack 'cn-aigc-labeling'}
   * @param problems at least one problem
   */
  public RulePackException(String subject, List<Problem> problems) {
    super(format(subject, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a RulePackException needs at least one problem");
    }
    this.problems = List.copyOf(problems.stream().sorted().toList());
  }

  /** The problems, sorted by file, line and column. */
  public List<Problem> problems() {
    return problems;
  }

  private static String format(String subject, List<Problem> problems) {
    StringBuilder sb = new StringBuilder();
    sb.append(problems.size()).append(problems.size() == 1 ? " problem in " : " problems in ").append(subject).append(':');
    problems.stream().sorted().forEach(p -> sb.append('\n').append(p));
    return sb.toString();
  }
}
