package dev.tollgate.testing;

import dev.tollgate.rules.Effect;
import java.util.List;
import java.util.Objects;

/**
 * What running the YAML tests of a set of packs found: every case with its outcome, and for every rule
 * that the engine evaluates, how often a case saw it fire and how often a case ran its pack without it
 * firing.
 *
 * <p>Immutable.
 *
 * @param cases every case in file order, failures with their report
 * @param coverage one entry per evaluated rule (IN_FORCE or SHADOW) of every tested pack version, in
 *     pack order and then rule order
 */
public record PackTestReport(List<CaseResult> cases, List<RuleCoverage> coverage) {
  public PackTestReport {
    cases = List.copyOf(cases);
    coverage = List.copyOf(coverage);
  }

  /**
   * One case and its outcome.
   *
   * @param file the test file, as found under the root given to {@link PackTests#run}
   * @param line the case's line in the file; 0 for a pack version that has no tests at all
   * @param name what the case checks
   * @param failure null when the case passed; else the report: what was expected, what the decision
   *     was, its findings and the request
   */
  public record CaseResult(String file, int line, String name, String failure) {
    public CaseResult {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(name, "name");
    }

    public boolean passed() {
      return failure == null;
    }
  }

  /**
   * How the cases exercised one rule.
   *
   * @param pack the pack, {@code id@version}
   * @param rule the rule id
   * @param effect the rule's effect
   * @param fired the cases whose decision cites the rule
   * @param notFired the cases that ran the rule's pack and whose decision does not cite the rule
   */
  public record RuleCoverage(String pack, String rule, Effect effect, int fired, int notFired) {
    public RuleCoverage {
      Objects.requireNonNull(pack, "pack");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(effect, "effect");
    }

    /** Whether some case saw the rule fire and some case saw it not fire. */
    public boolean covered() {
      return fired > 0 && notFired > 0;
    }
  }

  public int passed() {
    return (int) cases.stream().filter(CaseResult::passed).count();
  }

  public int failed() {
    return cases.size() - passed();
  }

  /** The rules some case did not see firing or did not see not firing. */
  public List<RuleCoverage> uncovered() {
    return coverage.stream().filter(c -> !c.covered()).toList();
  }

  /**
   * The share of rules that are {@linkplain RuleCoverage#covered() covered}, in percent, rounded down;
   * 100 when there are no rules.
   */
  public int coveragePercent() {
    return coverage.isEmpty() ? 100 : (int) (100L * (coverage.size() - uncovered().size()) / coverage.size());
  }
}
