package dev.tollgate.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.PolicyEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampers with a real log, one way per test, and reads what verify says. Lines: e1 e2 e3 e4 cp4 e5 e6 cp6. */
class LogVerifierTest {
  @TempDir
  Path dir;
  LogKeys keys;
  Path log;
  Path active;
  List<String> lines;

  @BeforeEach
  void writeLog() throws Exception {
    keys = LogKeys.in(dir);
    log = dir.resolve("decisions");
    try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().decisionLog(DecisionLog.toFolder(log)
        .maskingKey(keys.masking()).signingKey(keys.signing()).checkpointEvery(4).clock(DecisionLogTest.NOON).build()).build()) {
      for (int i = 1; i <= 6; i++) {
        engine.decideJson(DecisionLogTest.consented("crm-call-" + i, "cust-" + i));
      }
    }
    active = log.resolve(LogFiles.ACTIVE);
    lines = new ArrayList<>(Files.readAllLines(active));
    assertEquals(8, lines.size());
    assertTrue(lines.get(4).contains("\"checkpoint\"") && lines.get(7).contains("\"checkpoint\""));
  }

  LogVerifier.Result verifyWith(List<String> changed) throws Exception {
    Files.write(active, changed);
    return LogVerifier.verify(log, keys.publicKey());
  }

  void assertBroken(LogVerifier.Result result, String expected) {
    assertEquals(LogVerifier.Status.BROKEN, result.status(), result.message());
    assertTrue(result.message().startsWith(expected), result.message());
  }

  @Test
  void verify_untouched_intactAndSaysWhatAChainCannotShow() throws Exception {
    LogVerifier.Result result = verifyWith(lines);
    assertEquals(LogVerifier.Status.INTACT, result.status(), result.message());
    assertEquals(6, result.checkpointedSeq());
    lines.remove(7);
    lines.remove(6);
    result = verifyWith(lines);
    assertEquals(LogVerifier.Status.INTACT, result.status(), "a cut-off tail is what a chain cannot show");
    assertTrue(result.message().contains("1 entry after the last checkpoint (seq 4)"), result.message());
  }

  @Test
  void verify_editedEntry_reportsItChanged() throws Exception {
    lines.set(2, lines.get(2).replace("crm-call-3", "crm-call-9"));
    assertBroken(verifyWith(lines), "changed: the entry at decisions.jsonl:3 (seq 3)");
  }

  @Test
  void verify_deletedEntry_reportsItRemoved() throws Exception {
    lines.remove(2);
    assertBroken(verifyWith(lines), "removed: entry seq 3 is missing before decisions.jsonl:3");
  }

  @Test
  void verify_insertedEntry_reportsItInserted() throws Exception {
    lines.add(3, lines.get(1));
    assertBroken(verifyWith(lines), "inserted: the entry at decisions.jsonl:4 claims seq 2");
  }

  @Test
  void verify_swappedEntries_reportsThemReordered() throws Exception {
    String second = lines.get(1);
    lines.set(1, lines.get(2));
    lines.set(2, second);
    assertBroken(verifyWith(lines), "reordered: the entry at decisions.jsonl:2 (seq 3) comes before seq 2 at decisions.jsonl:3");
  }

  @Test
  void verify_forgedCheckpoint_reportsIt() throws Exception {
    ObjectNode forged = Entries.read(lines.get(4));
    ((ObjectNode) forged.get("checkpoint")).put("seq", 3);
    lines.set(4, Entries.write(forged));
    assertBroken(verifyWith(lines), "forged checkpoint at decisions.jsonl:5");
  }

  @Test
  void verify_chainRewrittenFromAnEntryOn_caughtByTheCheckpoint() throws Exception {
    // Whoever edits entry 2 and recomputes every hash after it leaves a chain that holds together.
    String prev = Entries.read(lines.get(0)).get("hash").asText();
    for (int i = 1; i < 4; i++) {
      ObjectNode entry = Entries.read(i == 1 ? lines.get(i).replace("crm-call-2", "crm-call-X") : lines.get(i));
      entry.put("prev", prev);
      prev = Entries.hash(entry);
      entry.put("hash", prev);
      lines.set(i, Entries.write(entry));
    }
    assertBroken(verifyWith(lines), "changed: the checkpoint at decisions.jsonl:5 signs the chain at seq 4 with another hash");
  }

  @Test
  void verify_otherKey_isForged_missingKey_isUnreadable() throws Exception {
    LogKeys other = LogKeys.in(Files.createDirectory(dir.resolve("other")));
    LogVerifier.Result result = LogVerifier.verify(log, other.publicKey());
    assertBroken(result, "forged checkpoint at decisions.jsonl:5");
    assertEquals(LogVerifier.Status.UNREADABLE, LogVerifier.verify(log, dir.resolve("missing.pem")).status());
    assertEquals(LogVerifier.Status.UNREADABLE, LogVerifier.verify(dir.resolve("nothing"), keys.publicKey()).status());
  }

  @Test
  void verify_garbageLine_reportsItChanged() throws Exception {
    lines.set(5, "not json");
    assertBroken(verifyWith(lines), "changed: decisions.jsonl:6 is not a log line");
  }
}
