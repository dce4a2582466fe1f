package dev.tollgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two CRM nodes (two engines, each with its own connection pool onto one store) and eight threads race
 * to call one person whose cap is K: exactly K calls pass and are recorded, round after round.
 */
class LedgerConcurrencyTest {
  static final int THREADS = 8;
  static final int ATTEMPTS_PER_THREAD = 150;
  static final int CAP = 25;
  static final int ROUNDS = 3;

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void eightThreadsOnTwoEngines_passExactlyTheCap(Stores.Kind kind) throws Exception {
    Path overlay = Files.writeString(dir.resolve("caps.yaml"), "cn-cap-demo:\n  maxCallsPerMonth: " + CAP + "\n");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (Stores.Store store = Stores.open(kind);
        PolicyEngine node1 = PolicyEngine.builder().packs(LedgerDecisionTest.PACKS).overrides(overlay).ledger(store.ledger()).build();
        PolicyEngine node2 = PolicyEngine.builder().packs(LedgerDecisionTest.PACKS).overrides(overlay).ledger(store.ledger()).build()) {
      for (int round = 0; round < ROUNDS; round++) {
        String subject = "person-" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, Integer>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          PolicyEngine engine = t % 2 == 0 ? node1 : node2;
          String thread = "r" + round + "t" + t;
          results.add(pool.submit(() -> {
            start.await();
            Map<String, Integer> answers = new TreeMap<>();
            for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
              Decision d = engine.decideAndRecord(LedgerDecisionTest.call(thread + "-" + i, subject, "MARKETING",
                  LedgerDecisionTest.DAY1.plusSeconds(i)));
              answers.merge(d.isAllowed() ? "ALLOW" : String.join(",", d.ruleIds()), 1, Integer::sum);
            }
            return answers;
          }));
        }
        start.countDown();
        Map<String, Integer> total = new TreeMap<>();
        for (Future<Map<String, Integer>> f : results) {
          f.get().forEach((k, v) -> total.merge(k, v, Integer::sum));
        }
        assertEquals(Map.of("ALLOW", CAP, "CN-DEMO-MONTHLY-CAP", THREADS * ATTEMPTS_PER_THREAD - CAP), total,
            kind + " round " + round + ": every denial cites the cap, none an error");
        assertEquals(CAP, node1.ledger().entries(subject, null).size(), kind + " round " + round + ": recorded");
        assertEquals(CAP, node2.ledger().entries(subject, null).size());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
