package dev.tollgate.benchmarks;

import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The heap retained by built engines with every bundled pack: used heap after full collections, with the
 * engines held and after a thousand decisions each, minus the same without them, divided by the number
 * of engines held; repeated, and the median printed. Not a JMH benchmark, since it measures space.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.tollgate.benchmarks.RetainedHeap}.
 */
public final class RetainedHeap {
  private static final int ENGINES = 4;
  private static final int ROUNDS = 5;

  private RetainedHeap() {}

  public static void main(String[] args) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Request[] mix = Fixtures.mix();
    // The first engine also fills the static caches of the JDK, Jackson and Drools that every later
    // engine shares: reported apart, as an upper bound.
    long fresh = used(memory);
    PolicyEngine first = Fixtures.bundledEngine();
    for (Request r : mix) {
      first.decide(r);
    }
    System.out.printf("first engine, with the static caches it fills: %.2f MiB%n", (used(memory) - fresh) / 1048576.0);
    first.close();
    long[] perEngine = new long[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      long before = used(memory);
      List<PolicyEngine> engines = new ArrayList<>();
      for (int e = 0; e < ENGINES; e++) {
        PolicyEngine engine = Fixtures.bundledEngine();
        for (int i = 0; i < 1000; i++) {
          engine.decide(mix[i]);
        }
        engines.add(engine);
      }
      long after = used(memory);
      perEngine[round] = (after - before) / ENGINES;
      engines.forEach(PolicyEngine::close);
      engines.clear();
      System.out.printf("round %d: %.2f MiB per engine%n", round + 1, perEngine[round] / 1048576.0);
    }
    Arrays.sort(perEngine);
    System.out.printf("retained heap per engine with every bundled pack: median %.2f MiB (min %.2f, max %.2f) over %d rounds"
        + " of %d engines%n", perEngine[ROUNDS / 2] / 1048576.0, perEngine[0] / 1048576.0,
        perEngine[ROUNDS - 1] / 1048576.0, ROUNDS, ENGINES);
  }

  /** Used heap once collections stop freeing anything. */
  private static long used(MemoryMXBean memory) {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= last) {
        return now;
      }
      last = now;
    }
    return last;
  }
}
