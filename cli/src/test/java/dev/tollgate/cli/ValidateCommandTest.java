package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {

  @Test
  void validate_goodPacks_printsSummaryAndExitsZero() {
    Invocation run = Invocation.run("validate", Invocation.PACKS);
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("1 pack, 2 rules: no problems"), run.outLines());
    assertEquals("", run.err());
  }

  @Test
  void validate_bundledPacks_exitsZero() {
    Invocation run = Invocation.run("validate");
    assertEquals(0, run.status(), run.toString());
    assertTrue(run.out().endsWith(": no problems\n"), run.toString());
  }

  @Test
  void validate_badPack_printsSortedLocatedProblemsAndExitsTwo() {
    Invocation run = Invocation.run("validate", "src/test/resources/bad-packs");
    assertEquals(2, run.status(), run.toString());
    String file = "src/test/resources/bad-packs/demo/1.0.0/pack.yaml";
    List<String> lines = run.outLines();
    assertEquals(9, lines.size(), run.toString());
    assertTrue(lines.stream().allMatch(l -> l.matches("\\Q" + file + "\\E:\\d+:\\d+: [a-z_]+: .+")), run.toString());
    assertTrue(lines.get(0).startsWith(file + ":17:19: unknown_field_reference: "), run.toString());
    assertTrue(lines.get(8).startsWith(file + ":25:11: invalid_condition: "), run.toString());
    assertEquals("9 problems", run.err().strip());
  }

  @Test
  void validate_missingFolder_exitsTwoNamingIt() {
    Invocation run = Invocation.run("validate", "src/test/resources/absent");
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().contains("src/test/resources/absent"), run.toString());
  }

  @Test
  void validate_decisionChangeWithoutAMajorVersion_exitsTwoNamingTheRule() {
    Invocation run = Invocation.run("validate", "../rules/src/test/resources/lint-packs/versions");
    assertEquals(2, run.status(), run.toString());
    assertEquals(List.of("../rules/src/test/resources/lint-packs/versions/demo-lint/1.1.0/pack.yaml:3:10: version_bump_required:"
        + " pack demo-lint 1.0.0 -> 1.1.0 changes what can turn an ALLOW into a DENY or back (CN-LINT-RATE: parameter maxRate"
        + " 300 -> 360): that needs version 2.0.0 or higher, and an entry in CHANGELOG.md (at $.version)"), run.outLines());
    assertEquals("1 problem", run.err().strip());
  }
}
