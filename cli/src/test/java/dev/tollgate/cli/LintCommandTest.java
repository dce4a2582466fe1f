package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LintCommandTest {
  private static final String LINT_CASES = "../rules/src/test/resources/lint-packs/warnings";

  @Test
  void lint_ruleNoTestSeesFiring_isOneLocatedWarningAndExitsZero() {
    Invocation run = Invocation.run("lint", "src/test/resources/tested-packs/passing");
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("src/test/resources/tested-packs/passing/cli-calls/1.0.0/pack.yaml:22:9: warning: untested_rule: no pack"
        + " test sees rule CN-TEST-QUIET fire; add a case whose decision cites it (at $.rules[1].id)", "1 warning"), run.outLines());
  }

  @Test
  void lint_lintCases_printsEveryWarningAsFileLineColumnAndStrictExitsOne() {
    Invocation run = Invocation.run("lint", LINT_CASES);
    assertEquals(0, run.status(), run.toString());
    List<String> lines = run.outLines();
    assertEquals("16 warnings", lines.get(lines.size() - 1), run.toString());
    String file = LINT_CASES + "/demo-lint/1.0.0/pack.yaml";
    assertTrue(lines.subList(0, lines.size() - 1).stream()
        .allMatch(l -> l.matches("\\Q" + file + "\\E:\\d+:\\d+: warning: [a-z_]+: .+ \\(at \\$\\.rules\\[\\d+\\]\\.[a-z]+\\)")), run.toString());
    for (String code : List.of("untested_rule", "deny_on_unconfirmed_source", "same_condition", "rule_never_fires",
        "obligation_without_params")) {
      assertTrue(run.out().contains(": warning: " + code + ": "), code + " missing: " + run);
    }
    assertEquals(1, Invocation.run("lint", "--strict", LINT_CASES).status());
  }

  @Test
  void lint_badPack_exitsTwoWithTheProblems() {
    Invocation run = Invocation.run("lint", "src/test/resources/bad-packs");
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().contains("src/test/resources/bad-packs/demo/1.0.0/pack.yaml:17:19: unknown_field_reference: "), run.toString());
  }
}
