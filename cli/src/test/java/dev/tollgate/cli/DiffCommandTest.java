package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiffCommandTest {
  private static final String EVENING = Invocation.REQUESTS + "evening.jsonl";

  @Test
  void diff_quietHoursWidened_listsEachChangedDecisionAndTheRuleAndExitsOne() {
    Invocation run = Invocation.run("diff", Invocation.PACKS, "src/test/resources/diff-packs/2.0.0", "--requests", EVENING);
    assertEquals(1, run.status(), run.toString());
    assertEquals(List.of(
        "line 2 eve-2: ALLOW -> DENY",
        "  + CN-TEST-QUIET DENY [cli-calls@2.0.0]: Too late   (newly cited)",
        "line 3 eve-3: still DENY, other findings",
        "  + CN-TEST-QUIET DENY [cli-calls@2.0.0]: Too late   (newly cited)",
        "",
        "Pack changes (newest version on each side):",
        "  cli-calls 1.0.0 -> 2.0.0: version number fits the changes",
        "    CN-TEST-QUIET [can change ALLOW/DENY]: parameter quietHours [22:00, 08:00] -> [21:00, 08:00]",
        "",
        "4 requests: 1 decision changed (1 ALLOW -> DENY, 0 DENY -> ALLOW), 1 with the same decision but other rules"
            + " or fields, 2 unchanged"), run.outLines());
    assertEquals("", run.err());
  }

  @Test
  void diff_samePacks_reportsNoChangeAndExitsZero() {
    Invocation run = Invocation.run("diff", Invocation.PACKS, Invocation.PACKS, "--requests", EVENING);
    assertEquals(0, run.status(), run.toString());
    assertTrue(run.out().endsWith("  1 pack unchanged\n\n4 requests: 0 decisions changed (0 ALLOW -> DENY, 0 DENY -> ALLOW),"
        + " 0 with the same decision but other rules or fields, 4 unchanged\n"), run.toString());
  }

  @Test
  void diff_decisionChangeInAMinorVersion_saysWhichRuleAndExitsTwo() {
    Invocation run = Invocation.run("diff", Invocation.PACKS, "src/test/resources/diff-packs/1.1.0", "--requests", EVENING);
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.out().contains("  cli-calls 1.0.0 -> 1.1.0: VERSION TOO LOW, needs 2.0.0\n"), run.toString());
    assertEquals("tollgate: pack cli-calls 1.0.0 -> 1.1.0 changes what can turn an ALLOW into a DENY or back (CN-TEST-QUIET:"
        + " parameter quietHours [22:00, 08:00] -> [21:00, 08:00]): that needs version 2.0.0 or higher, and an entry in"
        + " CHANGELOG.md", run.err().strip());
  }

  @Test
  void diff_badRequestLine_isReportedWithItsNumberAndExitsTwo() {
    Invocation run = Invocation.run("diff", Invocation.PACKS, Invocation.PACKS, "--requests", Invocation.REQUESTS + "mixed.jsonl");
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.errLines().stream().anyMatch(l -> l.matches("line \\d+: Invalid request: .+")), run.toString());
  }

  @Test
  void diff_withoutRequests_isAUsageError() {
    Invocation run = Invocation.run("diff", Invocation.PACKS, Invocation.PACKS);
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().startsWith("Missing required option: '--requests=FILE'"), run.toString());
  }
}
