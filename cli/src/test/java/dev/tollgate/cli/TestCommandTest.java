package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
  private static final String PASSING = "src/test/resources/tested-packs/passing";
  private static final String FAILING = "src/test/resources/tested-packs/failing";

  @Test
  void test_bundledPacks_allPassWithFullCoverage() {
    Invocation run = Invocation.run("test", "--coverage-min", "100");
    assertEquals(0, run.status(), run.toString());
    List<String> lines = run.outLines();
    assertTrue(lines.get(lines.size() - 1).matches("\\d+ passed, 0 failed"), run.toString());
    assertTrue(lines.get(lines.size() - 2).matches("(\\d+) of \\1 rules covered \\(100%\\)"), run.toString());
    assertTrue(run.out().matches("(?s).*\ncn-fin-marketing-calls@1\\.0\\.0 +CN-INST-MKT-FREQ-DAY .*"), run.toString());
  }

  @Test
  void test_failingCase_printsExpectedActualAndRequestAndExitsOne() {
    Invocation run = Invocation.run("test", FAILING);
    assertEquals(1, run.status(), run.toString());
    String file = FAILING + "/cli-calls/1.0.0/tests/quiet.yaml";
    assertTrue(run.out().startsWith("FAILED " + file + ":16: case 'a late call is allowed (wrong on purpose, it is in the"
        + " quiet hours)' failed\n  expected: ALLOW []\n  actual:   DENY [CN-TEST-QUIET]\n"), run.toString());
    assertTrue(run.out().contains("    CN-TEST-QUIET DENY: Too late\n  request: {\"type\":\"call\""), run.toString());
    assertTrue(run.out().endsWith("\n1 passed, 1 failed\n"), run.toString());
  }

  @Test
  void test_ruleNeverFired_isShownAndFailsCoverageMin() {
    Invocation plain = Invocation.run("test", PASSING);
    assertEquals(0, plain.status(), plain.toString());
    assertTrue(plain.out().contains("cli-calls@1.0.0  CN-TEST-QUIET    DENY             0          2  <- never seen firing\n"),
        plain.toString());
    assertTrue(plain.out().contains("\n1 of 2 rules covered (50%); never seen firing: CN-TEST-QUIET\n2 passed, 0 failed\n"),
        plain.toString());

    Invocation strict = Invocation.run("test", "--coverage-min", "100", PASSING);
    assertEquals(1, strict.status(), strict.toString());
    assertEquals("tollgate: rule coverage 50% is below --coverage-min 100%; rules not covered: [CN-TEST-QUIET]",
        strict.err().strip());
    assertEquals(0, Invocation.run("test", "--coverage-min", "50", PASSING).status());
  }

  @Test
  void test_noTests_exitsTwo(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("cli-calls/1.0.0"));
    Files.copy(Path.of(PASSING, "cli-calls/1.0.0/pack.yaml"), dir.resolve("cli-calls/1.0.0/pack.yaml"));
    Invocation run = Invocation.run("test", dir.toString());
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().startsWith("tollgate: no pack tests found under " + dir), run.toString());
  }

  @Test
  void test_badTestFile_exitsTwoNamingLineAndColumn(@TempDir Path dir) throws IOException {
    Path version = Files.createDirectories(dir.resolve("cli-calls/1.0.0/tests"));
    Files.copy(Path.of(PASSING, "cli-calls/1.0.0/pack.yaml"), version.resolveSibling("pack.yaml"));
    Files.writeString(version.resolve("bad.yaml"), "name: bad\ncases:\n  - name: x\n    request: nowhere\n"
        + "    expect: {decision: MAYBE, rules: []}\n");
    Invocation run = Invocation.run("test", dir.toString());
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().contains(version.resolve("bad.yaml") + ":4:14: "), run.toString());
  }
}
