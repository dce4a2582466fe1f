package dev.tollgate.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.PolicyEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReplayTest {
  static final Path COLLECTION_PACK = Path.of("../rulepacks/cn-fin-collection-calls/2.0.0/pack.yaml");

  @TempDir
  Path dir;
  LogKeys keys;
  Path log;
  Path oldPacks;

  @BeforeEach
  void writeLog() throws Exception {
    keys = LogKeys.in(dir);
    log = dir.resolve("decisions");
    oldPacks = Files.createDirectories(dir.resolve("old/cn-fin-collection-calls/2.0.0"));
    Files.copy(COLLECTION_PACK, oldPacks.resolve("pack.yaml"));
    try (PolicyEngine engine = PolicyEngine.builder().packs(dir.resolve("old")).decisionLog(DecisionLog.toFolder(log)
        .maskingKey(keys.masking()).build()).build()) {
      assertTrue(engine.decideJson(DecisionLogTest.collection("late", "debtor-1")).isDenied());
      assertTrue(engine.decideJson(DecisionLogTest.collection("late", "debtor-2").replace("22:10", "10:10")).isAllowed());
      engine.decideJson("{\"type\": \"call\"");
    }
  }

  @Test
  void replay_samePacks_everyDecisionIdentical() {
    try (PolicyEngine engine = PolicyEngine.builder().packs(dir.resolve("old")).build()) {
      LogReplay.Result result = LogReplay.replay(log, engine);
      assertEquals(2, result.replayed());
      assertEquals(1, result.skipped(), "the request that was not JSON");
      assertEquals(List.of(), result.changes());
    }
  }

  @Test
  void replay_changedPack_listsTheChangedDecision() throws Exception {
    Path newPacks = Files.createDirectories(dir.resolve("new/cn-fin-collection-calls/2.0.0"));
    Files.writeString(newPacks.resolve("pack.yaml"),
        Files.readString(COLLECTION_PACK).replace("between: [\"22:00\", \"08:00\"]", "between: [\"23:00\", \"08:00\"]"));
    try (PolicyEngine engine = PolicyEngine.builder().packs(dir.resolve("new")).build()) {
      LogReplay.Result result = LogReplay.replay(log, engine);
      assertEquals(1, result.changes().size(), result.toString());
      LogReplay.Change change = result.changes().get(0);
      assertEquals(1, change.seq());
      assertEquals("DENY", change.before());
      assertEquals("ALLOW", change.after());
      assertEquals("CN-CBA-COLLECT-HOURS", change.gone().get(0).rule());
      assertFalse(change.samePacks());
      assertEquals(List.of(), result.defects());
    }
  }

  @Test
  void compare_samePacksOtherFindings_isADefect() {
    ObjectNode before = Entries.read("{\"decisionId\":\"a\",\"id\":\"x\",\"decision\":\"ALLOW\",\"packs\":[{\"id\":\"p\"}],"
        + "\"findings\":[]}");
    ObjectNode after = Entries.read("{\"decisionId\":\"b\",\"id\":\"x\",\"decision\":\"DENY\",\"packs\":[{\"id\":\"p\"}],"
        + "\"findings\":[{\"rule\":\"R-1\",\"effect\":\"DENY\",\"pack\":\"p@1.0.0\",\"message\":{\"en\":\"no\"}}]}");
    LogReplay.Change change = LogReplay.compare(7, before, after);
    assertTrue(change.samePacks());
    assertEquals("R-1", change.added().get(0).rule());
    assertNull(LogReplay.compare(7, before, before.deepCopy().put("decisionId", "c")), "only the decision id differs");
  }
}
