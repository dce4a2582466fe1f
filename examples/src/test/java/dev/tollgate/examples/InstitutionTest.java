package dev.tollgate.examples;

import static dev.tollgate.testing.DecisionAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.PolicyEngine;
import dev.tollgate.testing.PackTestReport;
import dev.tollgate.testing.PackTests;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** How an institution tests its packs and its CRM code in its own build, with tollgate-testing. */
class InstitutionTest {
  private static final Path PACK = Path.of("../rulepacks/cn-fin-marketing-calls");
  private static final PolicyEngine ENGINE = PolicyEngine.builder().bundledPacks()
      .overrides(Path.of("overrides/bank-caps.yaml")).build();

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  // The pack's YAML tests, one JUnit test per case, in the IDE and the build report.
  @TestFactory
  Stream<DynamicNode> packTests() {
    return PackTests.dynamicTests(PACK);
  }

  // No rule that no test exercises.
  @Test
  void packTests_exerciseEveryRule() {
    PackTestReport report = PackTests.run(PACK);
    assertEquals(List.of(), report.uncovered());
  }

  // CRM code asserts on decisions: under the bank's overlay (2 marketing calls a day) the second call of
  // the day passes and the third is refused, citing the daily cap.
  @Test
  void bankCaps_secondCallTodayPasses_thirdIsRefused() {
    String second = call("[{\"at\": \"2025-09-02T09:00:00+08:00\", \"purpose\": \"MARKETING\", \"outcome\": \"CONVERSATION\"}]");
    assertThat(ENGINE.decideJson(second)).isAllowed().citesExactly();
    String third = call("[{\"at\": \"2025-09-02T09:00:00+08:00\", \"purpose\": \"MARKETING\", \"outcome\": \"CONVERSATION\"},"
        + " {\"at\": \"2025-09-02T10:00:00+08:00\", \"purpose\": \"MARKETING\", \"outcome\": \"NO_ANSWER\"}]");
    assertThat(ENGINE.decideJson(third)).isDenied().citesExactly("CN-INST-MKT-FREQ-DAY").isNextAllowedAt("2025-09-03T09:00:00+08:00");
  }

  private static String call(String history) {
    return """
        {"type": "call", "id": "crm-call-0201", "at": "2025-09-02T15:00:00+08:00", "jurisdiction": "CN",
         "purpose": "MARKETING", "voice": "HUMAN",
         "caller": {"organization": "Example Bank", "licensed": true, "realNameRegistered": true},
         "callee": {"subject": "cust-0201", "dataSource": "FIRST_PARTY", "consent": {"marketingCalls": "GRANTED"}},
         "history": %s}""".formatted(history);
  }
}
