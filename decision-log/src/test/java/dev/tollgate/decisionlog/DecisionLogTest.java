package dev.tollgate.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.CallRequest;
import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionLogTest {
  static final String SUBJECT = "cust-7f3a9c-raw";
  static final String PHONE = "+8613800138000";
  static final String DEBT = "loan-88231-raw";

  @TempDir
  Path dir;
  LogKeys keys;
  Path log;

  @BeforeEach
  void keys() throws Exception {
    keys = LogKeys.in(dir);
    log = dir.resolve("decisions");
  }

  static String consented(String id, String subject) {
    return """
        {"type": "call", "id": "%s", "at": "2025-09-02T10:30:00+08:00", "jurisdiction": "CN", "purpose": "MARKETING",
         "product": "consumer-loan", "voice": "HUMAN",
         "caller": {"organization": "Example Consumer Finance Co.", "licensed": true, "numberType": "FIXED", "realNameRegistered": true},
         "callee": {"subject": "%s", "relationship": "CUSTOMER", "dataSource": "FIRST_PARTY",
                    "consent": {"marketingCalls": "GRANTED", "recordedAt": "2025-08-20T10:12:00+08:00"}}}
        """.formatted(id, subject);
  }

  static String collection(String id, String subject) {
    return """
        {"type": "call", "id": "%s", "at": "2026-03-03T22:10:00+08:00", "jurisdiction": "CN", "purpose": "COLLECTION",
         "product": "consumer-loan", "voice": "HUMAN",
         "caller": {"organization": "Example Consumer Finance Co.", "licensed": true, "numberType": "FIXED", "realNameRegistered": true},
         "callee": {"subject": "%s", "timeZone": "Asia/Shanghai", "relationship": "DEBTOR"},
         "debt": {"id": "%s", "collector": "FIRST_PARTY"},
         "history": [{"at": "2026-03-03T09:15:00+08:00", "purpose": "COLLECTION", "debt": "%s", "outcome": "NO_ANSWER"}]}
        """.formatted(id, subject, DEBT, DEBT);
  }

  /** One UTC day for the tests that count lines: the system clock would rotate the file at midnight. */
  static final Clock NOON = Clock.fixed(Instant.parse("2026-03-03T12:00:00Z"), ZoneOffset.UTC);

  DecisionLog.Builder logBuilder() {
    return DecisionLog.toFolder(log).maskingKey(keys.masking()).signingKey(keys.signing()).clock(NOON);
  }

  PolicyEngine engine(DecisionLog decisionLog) {
    return PolicyEngine.builder().bundledPacks().decisionLog(decisionLog).build();
  }

  List<ObjectNode> lines() throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    for (Path f : LogFiles.list(log)) {
      for (String line : text(f).split("\n")) {
        if (!line.isEmpty()) {
          out.add(Entries.read(line));
        }
      }
    }
    return out;
  }

  static String text(Path f) throws IOException {
    if (!f.toString().endsWith(".gz")) {
      return Files.readString(f);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void decided_writesOneEntryPerDecision_withEverythingReplayNeeds() throws Exception {
    Decision allowed;
    Decision denied;
    try (PolicyEngine engine = engine(logBuilder().build())) {
      allowed = engine.decideJson(consented("crm-call-1", SUBJECT));
      denied = engine.decideJson(collection("crm-call-2", SUBJECT));
    }
    List<ObjectNode> lines = lines();
    assertEquals(3, lines.size(), "two entries and the checkpoint written on close");
    ObjectNode first = lines.get(0);
    assertEquals(1, first.get("seq").asLong());
    assertEquals(Entries.GENESIS, first.get("prev").asText());
    assertEquals(allowed.decisionId(), first.get("decisionId").asText());
    assertEquals("2025-09-02T10:30:00+08:00", first.get("at").asText(), "as the request and the decision write it, seconds and all");
    assertEquals(first.get("decision").get("at").asText(), first.get("at").asText());
    assertTrue(first.has("decidedAt") && first.has("tollgate"));
    assertEquals("ALLOW", first.get("decision").get("decision").asText());
    assertTrue(first.get("decision").get("packs").get(0).get("digest").asText().startsWith("sha256:"));
    ObjectNode second = lines.get(1);
    assertEquals(first.get("hash").asText(), second.get("prev").asText());
    assertEquals(denied.ruleIds().size(), second.get("decision").get("findings").size());
    JsonNode history = second.get("request").get("history");
    assertEquals(1, history.size(), "the contacts the windows counted");
    assertTrue(lines.get(2).has("checkpoint"));
    LogVerifier.Result result = LogVerifier.verify(log, keys.publicKey());
    assertEquals(LogVerifier.Status.INTACT, result.status(), result.message());
    assertEquals(2, result.entries());
  }

  @Test
  void decided_ledgerHistory_isLoggedAsTheRequestWasDecided() throws Exception {
    try (PolicyEngine engine = engine(logBuilder().masking(Masking.none()).build())) {
      String call = collection("crm-call-3", SUBJECT).replaceFirst(",\\s*\"history\": \\[[^]]*]", "");
      engine.ledger().record(SUBJECT, "crm-call-2", new CallRequest.Contact(OffsetDateTime.parse("2026-03-03T09:15:00+08:00"),
          CallRequest.Purpose.COLLECTION, "consumer-loan", DEBT, CallRequest.Outcome.NO_ANSWER, CallRequest.Channel.CALL));
      engine.decideJson(call);
    }
    JsonNode history = lines().get(0).get("request").get("history");
    assertEquals(1, history.size(), "the ledger's contact, so that the entry replays without the ledger");
  }

  @Test
  void masking_rawIdentifiersAppearNowhereInTheBytesWritten_equalValuesStayLinkable() throws Exception {
    try (PolicyEngine engine = engine(logBuilder().rotateAt(1500).build())) {
      for (int i = 0; i < 6; i++) {
        engine.decideJson(consented("crm-call-" + i, SUBJECT));
        engine.decideJson(collection("crm-debt-" + i, SUBJECT));
      }
      Decision phone = engine.decideJson(consented("crm-phone", PHONE));
      assertTrue(phone.ruleIds().contains("TOLLGATE-INVALID-REQUEST"), phone.toString());
    }
    List<Path> files = LogFiles.list(log);
    assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".gz")), "rotated and compressed: " + files);
    try (Stream<Path> all = Files.list(log)) {
      for (Path f : all.toList()) {
        for (String raw : List.of(SUBJECT, PHONE, DEBT, "8613800138000")) {
          assertFalse(contains(Files.readAllBytes(f), raw), raw + " in the bytes of " + f);
          if (!f.endsWith(LogFiles.JOURNAL)) {
            assertFalse(text(f).contains(raw), raw + " in " + f);
          }
        }
      }
    }
    List<ObjectNode> entries = lines().stream().filter(n -> n.has("seq")).toList();
    String hashed = entries.get(0).get("request").get("callee").get("subject").asText();
    assertTrue(hashed.startsWith("hmac-sha256:"), hashed);
    assertEquals(hashed, entries.get(1).get("request").get("callee").get("subject").asText());
    JsonNode debt = entries.get(1).get("request");
    assertEquals(debt.get("debt").get("id").asText(), debt.get("history").get(0).get("debt").asText(),
        "a contact about the same debt stays countable after masking");
  }

  private static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
  }

  @Test
  void masking_dropPath_removesTheField() throws Exception {
    try (PolicyEngine engine = engine(logBuilder().masking(Masking.defaults().drop("$.caller.organization")).build())) {
      engine.decideJson(consented("crm-call-1", SUBJECT));
    }
    assertFalse(lines().get(0).get("request").get("caller").has("organization"));
  }

  @Test
  void build_hashingWithoutKey_failsNamingTheKey() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> DecisionLog.toFolder(log).build());
    assertTrue(e.getMessage().contains("maskingKey"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Masking.defaults().hash("callee.subject"));
  }

  @Test
  void rotation_byDay_startsANewFileAndTheChainContinuesAcrossFiles() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-03T23:59:00Z"));
    try (PolicyEngine engine = engine(logBuilder().clock(clock).build())) {
      engine.decideJson(consented("crm-call-1", SUBJECT));
      clock.now = Instant.parse("2026-03-04T00:01:00Z");
      engine.decideJson(consented("crm-call-2", SUBJECT));
    }
    List<Path> files = LogFiles.list(log);
    assertEquals(2, files.size(), files.toString());
    assertEquals("decisions-00000000000000000001.jsonl.gz", files.get(0).getFileName().toString());
    assertTrue(text(files.get(0)).contains("\"checkpoint\""), "a file ends in a checkpoint before it rotates");
    LogVerifier.Result result = LogVerifier.verify(log, keys.publicKey());
    assertEquals(LogVerifier.Status.INTACT, result.status(), result.message());
  }

  @Test
  void rotation_bySize_whileTheFsyncTimerRuns_losesNothingAndCountsNoFailure() throws Exception {
    // Every entry rotates the file while a timer forces it every millisecond: the force must never meet a
    // file that rotation is closing.
    DecisionLog decisionLog = logBuilder().rotateAt(1).fsyncEvery(Duration.ofMillis(1)).checkpointEvery(1_000_000).build();
    int decisions = 300;
    try (PolicyEngine engine = engine(decisionLog)) {
      for (int i = 0; i < decisions; i++) {
        assertTrue(engine.decideJson(consented("crm-call-" + i, SUBJECT)).isAllowed());
      }
    }
    assertEquals(0, decisionLog.failures(), "no force failed");
    LogVerifier.Result result = LogVerifier.verify(log, keys.publicKey());
    assertEquals(LogVerifier.Status.INTACT, result.status(), result.message());
    assertEquals(decisions, result.entries());
  }

  @Test
  void reopen_continuesTheChain() throws Exception {
    try (PolicyEngine engine = engine(logBuilder().build())) {
      engine.decideJson(consented("crm-call-1", SUBJECT));
    }
    try (PolicyEngine engine = engine(logBuilder().build())) {
      engine.decideJson(consented("crm-call-2", SUBJECT));
    }
    LogVerifier.Result result = LogVerifier.verify(log, keys.publicKey());
    assertEquals(LogVerifier.Status.INTACT, result.status(), result.message());
    assertEquals(2, result.entries());
  }

  @Test
  void unwritableLog_deniesCitingEvaluationError_andRecoversWhenWritable() throws Exception {
    Files.createDirectories(log);
    Path active = log.resolve(LogFiles.ACTIVE);
    Files.createSymbolicLink(active, Path.of("/dev/full"));
    DecisionLog decisionLog = logBuilder().fsyncEvery(Duration.ZERO).build();
    long logged = loggedSoFar();
    Decision before;
    try (PolicyEngine engine = engine(decisionLog)) {
      // Journaled before the writer has tried the full disk: returned, kept in the journal, written later.
      before = engine.decideJson(consented("crm-call-1", SUBJECT));
      assertTrue(before.isAllowed(), before.toString());
      await(() -> decisionLog.failures() > 1, "the writer finds the disk full, and retries");
      Decision full = engine.decideJson(consented("crm-call-2", SUBJECT));
      assertTrue(full.isDenied(), full.toString());
      assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), full.ruleIds());
      Files.delete(active);
      Decision again = decideUntilAllowed(engine, "crm-call-3");
      assertNotNull(decisionLog.find(before.decisionId()), "the decision journaled before the failure was written after it");
      assertNotNull(decisionLog.find(again.decisionId()));
      assertNull(decisionLog.find(full.decisionId()), "a DENY for want of a log is not logged");
    }
    List<String> warnings = loggedSince(logged).lines().filter(l -> l.startsWith("WARN " + DecisionLog.class.getName())).toList();
    assertEquals(List.of("WARN dev.tollgate.decisionlog.DecisionLog - the decision log cannot write the entry of decision "
        + before.decisionId() + ": it stays in the journal and is retried every 50 ms; until it is written, every decision is a DENY"
        + " citing TOLLGATE-EVALUATION-ERROR"), warnings.subList(0, 1), "the outage is logged once, not at every retry");
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(1).matches("WARN dev.tollgate.decisionlog.DecisionLog - the decision log writes again, after"
        + " [0-9]+ failed attempts?"), warnings.toString());
    LogVerifier.Result result = LogVerifier.verify(log, keys.publicKey());
    assertEquals(LogVerifier.Status.INTACT, result.status(), result.message());
    assertEquals(2, result.entries(), "the two decisions returned ALLOW");
  }

  @Test
  void unwritableLog_failOpen_allowsAndCounts_andKeepsTheEntriesInTheJournal() throws Exception {
    Files.createDirectories(log);
    Files.createSymbolicLink(log.resolve(LogFiles.ACTIVE), Path.of("/dev/full"));
    DecisionLog decisionLog = logBuilder().failOpen().build();
    Decision first;
    try (PolicyEngine engine = engine(decisionLog)) {
      first = engine.decideJson(consented("crm-call-1", SUBJECT));
      assertTrue(first.isAllowed());
      await(() -> decisionLog.failures() > 0, "the writer finds the disk full");
      assertTrue(engine.decideJson(consented("crm-call-2", SUBJECT)).isAllowed());
    }
    Files.delete(log.resolve(LogFiles.ACTIVE));
    try (DecisionLog reopened = logBuilder().build()) {
      assertNotNull(reopened.find(first.decisionId()), "written from the journal by the next log opened on it");
    }
    assertEquals(2, LogVerifier.verify(log, keys.publicKey()).entries());
  }

  @Test
  void fullJournal_blocksTheDecidingThreadThenDenies_andNothingReturnedAllowIsLost() throws Exception {
    Path fifo = Files.createDirectories(log).resolve("stalled");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Files.createSymbolicLink(log.resolve(LogFiles.ACTIVE), fifo);
    // The writer's file is a pipe nobody reads yet: once the pipe's buffer is full, the writer stalls.
    CompletableFuture<InputStream> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.newInputStream(fifo);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    DecisionLog decisionLog = logBuilder().journalSize(1 << 20).rotateAt(1L << 40).build();
    List<Decision> allowed = new ArrayList<>();
    Decision refused = null;
    CompletableFuture<byte[]> drained;
    String written;
    PolicyEngine engine = engine(decisionLog);
    try {
      for (int i = 0; refused == null; i++) {
        long start = System.nanoTime();
        Decision d = engine.decideJson(consented("crm-fill-" + i, SUBJECT));
        if (d.isAllowed()) {
          allowed.add(d);
        } else {
          refused = d;
          assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(900), "waited for the writer first");
        }
      }
      assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), refused.ruleIds(), refused.toString());
      assertTrue(allowed.size() > 100, "the journal held " + allowed.size() + " decisions");
      // Someone reads the pipe at last: the writer catches up.
      String last = allowed.get(allowed.size() - 1).decisionId();
      drained = reader.thenApplyAsync(in -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        try {
          while (!out.toString(StandardCharsets.UTF_8).contains(last)) {
            int n = in.read(chunk);
            assertTrue(n > 0, "the log ended before " + last);
            out.write(chunk, 0, n);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return out.toByteArray();
      });
      written = new String(drained.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
      decideUntilAllowed(engine, "crm-after");
    } finally {
      // A pipe cannot be forced to disk: closing the file log says so, after writing everything.
      assertThrows(UncheckedIOException.class, engine::close);
      reader.get().close();
    }
    for (Decision d : allowed) {
      assertTrue(written.contains(d.decisionId()), d.decisionId() + " was returned ALLOW but never written");
    }
    assertFalse(written.contains(refused.decisionId()));
  }

  /** How much the tests' logging backend has written (src/test/resources/simplelogger.properties). */
  static long loggedSoFar() throws IOException {
    Path file = Path.of("target/tollgate-test.log");
    return Files.exists(file) ? Files.size(file) : 0;
  }

  /** What the tests' logging backend wrote after {@code from} bytes. */
  static String loggedSince(long from) throws IOException {
    byte[] all = Files.readAllBytes(Path.of("target/tollgate-test.log"));
    return new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
  }

  /** Waits up to ten seconds for {@code condition}. */
  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
      Thread.sleep(10);
    }
  }

  /** Decides requests {@code prefix-0, prefix-1, ...} until one is allowed, for up to ten seconds. */
  static Decision decideUntilAllowed(PolicyEngine engine, String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (int i = 0; ; i++) {
      Decision d = engine.decideJson(consented(prefix + "-" + i, "s-1"));
      if (d.isAllowed()) {
        return d;
      }
      assertTrue(System.nanoTime() < deadline, "still denied: " + d);
      Thread.sleep(10);
    }
  }

  @Test
  void find_aLoggedDecision_returnsItsEntry_inRotatedFilesToo() throws Exception {
    DecisionLog decisionLog = logBuilder().rotateAt(1500).build();
    List<Decision> decided = new ArrayList<>();
    try (PolicyEngine engine = engine(decisionLog)) {
      for (int i = 0; i < 5; i++) {
        decided.add(engine.decideJson(consented("crm-call-" + i, SUBJECT)));
      }
      for (Decision d : decided) {
        ObjectNode entry = Entries.read(decisionLog.find(d.decisionId()));
        assertEquals(d.requestId(), entry.get("decision").get("id").asText());
      }
      assertEquals(null, decisionLog.find("0193f0c2-no-such-decision"));
    }
    assertTrue(LogFiles.list(log).size() > 2, "the first entries were in rotated files");
  }

  @Test
  void logs_differentKeys_hashDifferently() throws Exception {
    try (PolicyEngine engine = engine(logBuilder().build())) {
      engine.decideJson(consented("crm-call-1", SUBJECT));
    }
    String first = lines().get(0).get("request").get("callee").get("subject").asText();
    LogKeys other = LogKeys.in(Files.createDirectory(dir.resolve("other")));
    log = dir.resolve("other-log");
    try (PolicyEngine engine = engine(DecisionLog.toFolder(log).maskingKey(other.masking()).build())) {
      engine.decideJson(consented("crm-call-1", SUBJECT));
    }
    assertNotEquals(first, lines().get(0).get("request").get("callee").get("subject").asText());
  }

  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

}
