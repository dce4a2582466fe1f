package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 500;

  /** What must be identical between two decisions of the same request (the decision id differs). */
  private record Outcome(Decision.Verdict verdict, List<String> rules, List<Decision.Obligation> obligations) {
    static Outcome of(Decision d) {
      return new Outcome(d.verdict(), d.ruleIds(), d.obligations());
    }
  }

  @Test
  void decide_fromEightThreadsAtOnce_givesTheSameDecisionsAsOneThread() throws Exception {
    List<String> requests = List.of(
        PolicyEngineTest.call("2025-03-01", Map.of()),
        PolicyEngineTest.call("2025-03-01", Map.of("\"GRANTED\"", "\"REFUSED\"")),
        PolicyEngineTest.call("2025-09-01", Map.of("\"HUMAN\"", "\"AI_SYNTHETIC\"", "T10:00:00", "T23:00:00")),
        PolicyEngineTest.call("2025-03-01", Map.of("\"MARKETING\"", "\"SERVICE\"")),
        PolicyEngineTest.call("2026-02-01", Map.of("\"FIRST_PARTY\"", "\"SCRAPED\"", "\"FIXED\"", "\"VIRTUAL_OPERATOR\"")),
        PolicyEngineTest.call("2025-03-01", Map.of("\"CN\"", "\"DE\"")),
        PolicyEngineTest.call("2025-03-01", Map.of("\"GRANTED\"", "\"MAYBE\"")));
    try (PolicyEngine engine = PolicyEngine.builder().packs(PolicyEngineTest.PACKS).build()) {
      List<Outcome> expected = requests.stream().map(r -> Outcome.of(engine.decideJson(r))).toList();
      assertEquals(7, expected.stream().map(Outcome::rules).distinct().count(), "the requests must differ: " + expected);

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        futures.add(pool.submit(() -> {
          start.await();
          List<String> wrong = new ArrayList<>();
          for (int i = 0; i < ROUNDS; i++) {
            int k = (i + offset) % requests.size();
            Outcome actual = Outcome.of(engine.decideJson(requests.get(k)));
            if (!actual.equals(expected.get(k))) {
              wrong.add("request " + k + ": " + actual + " instead of " + expected.get(k));
            }
          }
          return wrong;
        }));
      }
      start.countDown();
      List<String> wrong = new ArrayList<>();
      for (Future<List<String>> f : futures) {
        wrong.addAll(f.get());
      }
      pool.shutdown();
      assertEquals(List.of(), wrong);
    }
  }
}
