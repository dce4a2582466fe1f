package dev.tollgate.benchmarks;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A campaign list decided with {@code engine.decideAll}: the generated mix (every bundled pack loaded),
 * on the calling thread alone and on the calling thread plus one pool thread. The ratio of the two is
 * the batch's speed-up on 2 threads; JMH reports the time per list.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BatchBenchmark {
  @State(Scope.Benchmark)
  public static class Campaign {
    PolicyEngine engine;
    List<Request> requests;
    ExecutorService oneMore;

    @Setup(Level.Trial)
    public void setUp() {
      engine = Fixtures.bundledEngine();
      requests = Arrays.asList(Fixtures.mix());
      oneMore = Executors.newFixedThreadPool(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      oneMore.shutdown();
      engine.close();
    }
  }

  @Benchmark
  public List<Decision> decideAll1Thread(Campaign c) {
    return c.engine.decideAll(c.requests, Runnable::run);
  }

  @Benchmark
  public List<Decision> decideAll2Threads(Campaign c) {
    return c.engine.decideAll(c.requests, c.oneMore);
  }
}
