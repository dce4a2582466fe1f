package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.PolicyEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Here the bundled packs come from the rulepacks jar, as in production, so this is where to test it. */
class BundledPacksConcurrencyTest {
  @Test
  void build_bundledPacksFromFourThreadsAtOnce_allSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> builds = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      builds.add(pool.submit(() -> {
        start.await();
        try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().build()) {
          return engine.packs().size();
        }
      }));
    }
    start.countDown();
    List<Integer> sizes = new ArrayList<>();
    for (Future<Integer> f : builds) {
      sizes.add(f.get());
    }
    pool.shutdown();
    assertEquals(1, sizes.stream().distinct().count(), sizes.toString());
    try (PolicyEngine again = PolicyEngine.builder().bundledPacks().build()) {
      assertEquals(sizes.get(0), again.packs().size());
    }
  }
}
