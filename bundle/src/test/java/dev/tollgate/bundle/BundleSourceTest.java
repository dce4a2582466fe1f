package dev.tollgate.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import dev.tollgate.rules.RulePack;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleSourceTest {
  static final Path A = Path.of("src/test/resources/variants/a");
  static final Path B = Path.of("src/test/resources/variants/b");
  static final KeyPair LEGAL = Keys.generate();
  static final KeyPair OTHER = Keys.generate();

  /** Calls at times and with consents on which the two variants agree or differ. */
  static final List<Request> MIX = List.of(
      call("m1", "19:30", "GRANTED"), call("m2", "21:00", "GRANTED"), call("m3", "22:30", "GRANTED"),
      call("m4", "08:30", "GRANTED"), call("m5", "21:00", "NONE"), call("m6", "12:00", "NONE"));

  @TempDir
  Path dir;

  static Request call(String id, String time, String consent) {
    return Request.fromJson("""
        {"type": "call", "id": "%s", "at": "2025-09-02T%s:00+08:00", "jurisdiction": "CN", "purpose": "MARKETING",
         "voice": "HUMAN", "caller": {"organization": "Example Bank"},
         "callee": {"subject": "person-%s", "consent": {"marketingCalls": "%s"}}}""".formatted(id, time, id, consent));
  }

  static byte[] signed(String revision, Path packs) {
    return Bundle.build(revision, List.of(packs)).sign(LEGAL.getPrivate()).toBytes();
  }

  /** Replaces the file in one step, as a release should. */
  static void publish(Path file, byte[] bytes) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temp, bytes);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Checks the bundle now and returns that attempt, or the watcher's if it saw the new file first (a check
   * of bytes already checked returns null, and the watcher's check of them is then the last attempt).
   */
  static Reload check(BundleSource source) {
    Reload r = source.refresh();
    return r != null ? r : source.status().lastAttempt();
  }

  /** What each request of the mix gets from an engine on these packs alone, by request id. */
  static Map<String, String> expected(Path packs) {
    Map<String, String> out = new ConcurrentHashMap<>();
    try (PolicyEngine engine = PolicyEngine.builder().packs(packs).build()) {
      for (Request r : MIX) {
        out.put(r.id(), summary(engine.decide(r)));
      }
    }
    return out;
  }

  static String summary(Decision d) {
    return d.verdict() + " " + d.ruleIds() + " " + d.packs().stream().map(Decision.PackRef::digest).toList();
  }

  BundleSource source(Path file, List<Reload> told) {
    return BundleSource.file(file).publicKey(LEGAL.getPublic()).listener(told::add).interval(Duration.ofHours(1)).build();
  }

  @Test
  void decide_bundleReplaced100TimesUnder8Threads_everyDecisionIsItsRevisions() throws Exception {
    Map<String, String> onA = expected(A);
    Map<String, String> onB = expected(B);
    assertTrue(!onA.equals(onB), "the variants must decide the mix differently");
    Path file = dir.resolve("packs.bundle");
    publish(file, signed("r0", A));
    List<Reload> told = new CopyOnWriteArrayList<>();
    BundleSource source = source(file, told);
    List<WeakReference<RulePack>> replaced = new ArrayList<>();
    try (PolicyEngine engine = PolicyEngine.builder().bundle(source).build()) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong decisions = new AtomicLong();
      List<String> wrong = new CopyOnWriteArrayList<>();
      Set<String> revisionsSeen = ConcurrentHashMap.newKeySet();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Thread thread = new Thread(() -> {
          while (!stop.get()) {
            for (Request r : MIX) {
              Decision d = engine.decide(r);
              decisions.incrementAndGet();
              String revision = d.bundle();
              if (revision == null) {
                wrong.add(r.id() + ": no revision in " + d);
                continue;
              }
              revisionsSeen.add(revision);
              int n = Integer.parseInt(revision.substring(1));
              String want = (n % 2 == 0 ? onA : onB).get(r.id());
              if (!want.equals(summary(d))) {
                wrong.add(r.id() + " under " + revision + ": " + summary(d) + ", want " + want);
              }
            }
          }
        });
        thread.start();
        threads.add(thread);
      }
      for (int i = 1; i <= 100; i++) {
        replaced.add(new WeakReference<>(engine.packs().get(0)));
        publish(file, signed("r" + i, i % 2 == 0 ? A : B));
        source.refresh();
        assertEquals("r" + i, source.status().revision(), String.valueOf(source.status().lastAttempt()));
      }
      stop.set(true);
      for (Thread thread : threads) {
        thread.join();
      }
      assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())));
      assertTrue(decisions.get() > 1000, decisions + " decisions");
      assertTrue(revisionsSeen.size() > 10, "decisions were made under " + revisionsSeen.size() + " revisions");
      assertEquals(101, told.stream().filter(Reload::loaded).count(), "r0 and 100 replacements");
      assertEquals(0, engine.evaluationErrors());
    }
    // The compiled packs of every replaced revision are released: nothing of the engine holds them.
    for (int i = 0; i < 20 && replaced.stream().anyMatch(r -> r.get() != null); i++) {
      System.gc();
      Thread.sleep(50);
    }
    assertEquals(0, replaced.stream().filter(r -> r.get() != null).count(), "replaced pack sets still reachable");
  }

  @Test
  void watch_fileReplaced_loadedWithoutBeingAsked() throws Exception {
    Path file = dir.resolve("packs.bundle");
    publish(file, signed("first", A));
    List<Reload> told = new CopyOnWriteArrayList<>();
    BundleSource source = BundleSource.file(file).publicKey(LEGAL.getPublic()).listener(told::add)
        .interval(Duration.ofSeconds(2)).build();
    try (PolicyEngine engine = PolicyEngine.builder().bundle(source).build()) {
      assertEquals("first", engine.decide(MIX.get(1)).bundle());
      publish(file, signed("second", B));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!"second".equals(source.status().revision()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Decision d = engine.decide(MIX.get(1));
      assertEquals("second", d.bundle());
      assertTrue(d.isDenied(), d.toString());
      assertTrue(told.get(told.size() - 1).loaded(), told.toString());
    }
  }

  @Test
  void watch_folder_newestBundleIsLoaded() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("bundles"));
    Files.write(folder.resolve("2025-09-01.bundle"), signed("old", A));
    Files.setLastModifiedTime(folder.resolve("2025-09-01.bundle"), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
    Files.write(folder.resolve("2025-10-01.bundle"), signed("new", B));
    Files.writeString(folder.resolve("notes.txt"), "not a bundle");
    try (PolicyEngine engine = PolicyEngine.builder().bundle(source(folder, new ArrayList<>())).build()) {
      assertEquals("new", engine.decide(MIX.get(0)).bundle());
    }
  }

  @Test
  void build_firstBundleBad_failsNamingTheReason() throws IOException {
    Path file = dir.resolve("packs.bundle");
    Files.write(file, Bundle.build("r", List.of(A)).sign(OTHER.getPrivate()).toBytes());
    BundleException e = assertThrows(BundleException.class,
        () -> PolicyEngine.builder().bundle(source(file, new ArrayList<>())).build());
    assertEquals(BundleException.Reason.BAD_SIGNATURE, e.reason());
    assertTrue(e.getMessage().startsWith("bundle " + file + ": the signature"), e.getMessage());
  }

  @Test
  void build_noFile_failsNamingIt() {
    Path file = dir.resolve("absent.bundle");
    BundleException e = assertThrows(BundleException.class,
        () -> PolicyEngine.builder().bundle(source(file, new ArrayList<>())).build());
    assertEquals(BundleException.Reason.NOT_FETCHED, e.reason());
    assertTrue(e.getMessage().contains(file + " does not exist"), e.getMessage());
  }

  @Test
  void builder_packsAndBundle_refused() throws IOException {
    Path file = dir.resolve("packs.bundle");
    Files.write(file, signed("r", A));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PolicyEngine.builder().packs(A).bundle(source(file, new ArrayList<>())).build());
    assertTrue(e.getMessage().contains("do not add bundledPacks() or packs(path) too"), e.getMessage());
  }

  @Test
  void refresh_sameBytes_noAttempt() throws IOException {
    Path file = dir.resolve("packs.bundle");
    publish(file, signed("r", A));
    List<Reload> told = new CopyOnWriteArrayList<>();
    BundleSource source = source(file, told);
    try (PolicyEngine engine = PolicyEngine.builder().bundle(source).build()) {
      assertNull(source.refresh());
      assertEquals(1, told.size());
      BundleSource.Status status = source.status();
      assertEquals("r", status.revision());
      assertNotNull(status.lastCheck());
      assertEquals(Duration.ZERO, status.staleFor(java.time.Instant.now()));
      assertEquals(2, engine.packs().get(0).rules().size());
    }
  }
}
