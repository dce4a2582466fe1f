package dev.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The JUnit runner and its report work on the bundled message packs as on call packs, with no case of their own. */
class MessagePackTestsTest {
  private static final Path COLLECTION = Path.of("../rulepacks/cn-fin-collection-messages");
  private static final Path[] MESSAGE_PACKS = {Path.of("../rulepacks/cn-fin-marketing-messages"), COLLECTION,
      Path.of("../rulepacks/cn-aigc-message-labeling")};

  private static Stream<DynamicTest> flatten(DynamicNode node) {
    return node instanceof DynamicContainer c ? c.getChildren().flatMap(MessagePackTestsTest::flatten)
        : Stream.of((DynamicTest) node);
  }

  @Test
  void run_messagePacks_everyCasePassesAndEveryRuleIsCovered() {
    PackTestReport report = PackTests.run(MESSAGE_PACKS);
    assertEquals(0, report.failed(), report.cases().toString());
    assertEquals(77, report.passed());
    assertEquals(21, report.coverage().size());
    assertEquals(List.of(), report.uncovered());
    assertEquals(100, report.coveragePercent());
  }

  @Test
  void dynamicTests_messagePack_runsEachCaseAsATest() throws Throwable {
    List<DynamicTest> cases = PackTests.dynamicTests(COLLECTION).flatMap(MessagePackTestsTest::flatten).toList();
    assertEquals(12, cases.size());
    assertEquals("a reminder to the debtor in the daytime is allowed", cases.get(0).getDisplayName());
    for (DynamicTest c : cases) {
      c.getExecutable().execute();
    }
  }

  @Test
  void dynamicTests_messagePackThatNoLongerDecidesAsItsTests_failsNamingTheCase(@TempDir Path dir) throws IOException {
    Path copy = Files.createDirectories(dir.resolve("cn-fin-collection-messages/1.0.0/tests"));
    Path source = COLLECTION.resolve("1.0.0");
    // Late collection messages allowed until 23:00: the case at 22:00 now fails.
    Files.writeString(copy.resolveSibling("pack.yaml"), Files.readString(source.resolve("pack.yaml"))
        .replace("between: [\"22:00\", \"08:00\"]", "between: [\"23:00\", \"08:00\"]"));
    Files.copy(source.resolve("tests/collection.yaml"), copy.resolve("collection.yaml"));
    DynamicTest late = PackTests.dynamicTests(dir).flatMap(MessagePackTestsTest::flatten)
        .filter(t -> t.getDisplayName().equals("22:00 exactly is too late")).findFirst().orElseThrow();
    AssertionFailedError e = assertThrows(AssertionFailedError.class, late.getExecutable()::execute);
    assertTrue(e.getMessage().contains("expected: DENY [CN-CBA-COLLECT-MSG-HOURS]"), e.getMessage());
    assertTrue(e.getMessage().contains("\"type\":\"message\""), e.getMessage());
  }
}
