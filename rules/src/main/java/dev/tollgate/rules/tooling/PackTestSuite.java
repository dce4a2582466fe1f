package dev.tollgate.rules.tooling;

import dev.tollgate.rules.RulePackException;
import dev.tollgate.rules.internal.Node;
import dev.tollgate.rules.internal.PackTestReader;
import dev.tollgate.rules.internal.Problems;
import dev.tollgate.rules.internal.YamlReader;
import java.util.List;
import java.util.Objects;

/**
 * A YAML file of test cases for a pack ({@code <pack>/<version>/tests/*.yaml}): named request fixtures
 * and cases that each decide one request and state the expected decision and exact rule ids.
 *
 * @param name what the file tests
 * @param source the file, as given to {@link #parse}
 * @param overrides an overlay file for every case, as written (relative to the test file); null for none
 * @param cases the cases, in file order
 */
public record PackTestSuite(String name, String source, String overrides, List<Case> cases) {
  public PackTestSuite {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    cases = List.copyOf(cases);
  }

  /**
   * One case.
   *
   * @param name what it checks
   * @param line the line of the case in the file, for failure reports
   * @param request the request as one line of contract JSON: the fixture with the case's {@code with}
   *     merged in
   * @param expect what the decision must be
   */
  public record Case(String name, int line, String request, Expectation expect) {
    public Case {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(expect, "expect");
    }
  }

  /**
   * The expected decision. Null components are not checked.
   *
   * @param decision {@code ALLOW} or {@code DENY}
   * @param rules the exact rule ids of the findings, in any order
   * @param obligations the exact actions of the obligations, in any order; null: not checked
   * @param allowedFields the exact allowed fields, in any order; null: not checked
   * @param nextAllowedAt the expected next allowed time (ISO-8601 with offset, or {@code none}); null: not checked
   * @param overrides the exact parameter names of the overrides the decision records, in any order; null: not checked
   */
  public record Expectation(String decision, List<String> rules, List<String> obligations, List<String> allowedFields,
      String nextAllowedAt, List<String> overrides) {
    public Expectation {
      Objects.requireNonNull(decision, "decision");
      rules = List.copyOf(rules);
      obligations = obligations == null ? null : List.copyOf(obligations);
      allowedFields = allowedFields == null ? null : List.copyOf(allowedFields);
      overrides = overrides == null ? null : List.copyOf(overrides);
    }
  }

  /**
   * Reads a test file.
   *
   * @throws RulePackException with every problem in the file
   */
  public static PackTestSuite parse(String source, byte[] yaml) {
    Problems problems = new Problems(source);
    Node root = YamlReader.read(yaml, problems);
    PackTestSuite suite = root == null ? null : PackTestReader.read(root, source, problems);
    if (!problems.isEmpty() || suite == null) {
      throw new RulePackException("pack test file " + source, problems.list());
    }
    return suite;
  }
}
