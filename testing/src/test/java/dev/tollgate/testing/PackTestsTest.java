package dev.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.Effect;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class PackTestsTest {
  private static final Path PACKS = Path.of("src/test/resources/packs");

  @Test
  void dynamicTests_packWithTests_givesOneContainerPerFileAndOneTestPerCase() throws Throwable {
    List<DynamicNode> nodes = PackTests.dynamicTests(PACKS).toList();
    assertEquals(1, nodes.size());
    DynamicContainer file = (DynamicContainer) nodes.get(0);
    assertEquals("demo/1.0.0/tests/cases.yaml: demo cases, one of them wrong on purpose", file.getDisplayName());
    List<DynamicTest> cases = file.getChildren().map(DynamicTest.class::cast).toList();
    assertEquals(List.of("consented call is allowed", "expects the wrong outcome"),
        cases.stream().map(DynamicTest::getDisplayName).toList());
    assertTrue(cases.get(1).getTestSourceUri().orElseThrow().toString().endsWith("cases.yaml?line=16"));

    cases.get(0).getExecutable().execute();
    Executable wrong = cases.get(1).getExecutable();
    AssertionFailedError failure = assertThrows(AssertionFailedError.class, wrong::execute);
    String report = failure.getMessage();
    assertTrue(report.contains("cases.yaml:16: case 'expects the wrong outcome' failed"), report);
    assertTrue(report.contains("\n  expected: ALLOW [CN-TEST-OTHER]\n  actual:   DENY [CN-TEST-CONSENT]\n"), report);
    assertTrue(report.contains("decision: expected ALLOW but was DENY"), report);
    assertTrue(report.contains("rules: expected [CN-TEST-OTHER] but was [CN-TEST-CONSENT]; missing [CN-TEST-OTHER]; "
        + "unexpected [CN-TEST-CONSENT]"), report);
    assertTrue(report.contains("CN-TEST-CONSENT DENY: No consent"), report);
    assertTrue(report.contains("\"marketingCalls\":\"REFUSED\""), report);
  }

  @Test
  void dynamicTests_noTestFiles_isAnError(@TempDir Path empty) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PackTests.dynamicTests(empty));
    assertTrue(e.getMessage().startsWith("no pack tests found under"), e.getMessage());
  }

  @Test
  void dynamicTests_packVersionWithoutTests_givesAFailingTest() {
    List<DynamicNode> nodes = PackTests.dynamicTests(Path.of("src/test/resources/packs-untested")).toList();
    DynamicTest untested = (DynamicTest) nodes.stream().filter(n -> n instanceof DynamicTest).findFirst().orElseThrow();
    assertEquals("untested/1.0.0 has tests", untested.getDisplayName());
    AssertionFailedError e = assertThrows(AssertionFailedError.class, untested.getExecutable()::execute);
    assertTrue(e.getMessage().endsWith("has no tests: add tests/*.yaml beside its pack.yaml"), e.getMessage());
  }

  @Test
  void run_packWithTests_countsPassesFailuresAndRuleCoverage() {
    PackTestReport report = PackTests.run(PACKS);
    assertEquals(1, report.passed());
    assertEquals(1, report.failed());
    PackTestReport.CaseResult failed = report.cases().get(1);
    assertEquals(16, failed.line());
    assertTrue(failed.failure().contains("expected: ALLOW [CN-TEST-OTHER]"), failed.failure());
    assertEquals(List.of(new PackTestReport.RuleCoverage("demo@1.0.0", "CN-TEST-CONSENT", Effect.DENY, 1, 1)),
        report.coverage());
    assertEquals(List.of(), report.uncovered());
    assertEquals(100, report.coveragePercent());
  }

  @Test
  void run_packVersionWithoutTests_isAFailedCaseAndItsRulesAreUncovered() {
    PackTestReport report = PackTests.run(Path.of("src/test/resources/packs-untested"));
    PackTestReport.CaseResult untested = report.cases().stream().filter(c -> c.line() == 0).findFirst().orElseThrow();
    assertTrue(untested.failure().endsWith("has no tests: add tests/*.yaml beside its pack.yaml"), untested.failure());
    assertTrue(report.uncovered().stream().anyMatch(c -> c.pack().equals("untested@1.0.0") && c.fired() == 0 && c.notFired() == 0),
        report.coverage().toString());
  }

  @Test
  void run_noTestFiles_isAnError(@TempDir Path empty) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PackTests.run(empty));
    assertTrue(e.getMessage().startsWith("no pack tests found under"), e.getMessage());
  }
}
