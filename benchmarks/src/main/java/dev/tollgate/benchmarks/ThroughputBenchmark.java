package dev.tollgate.benchmarks;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process throughput of one shared engine on 1, 2 and 4 threads (the scaling curve against threads;
 * this machine has 2 cores, so 4 threads shows oversubscription), and of the hand-written rules on 2
 * threads. Each thread cycles through the generated mix from its own starting point. JMH reports the
 * sum over threads in decisions per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ThroughputBenchmark {

  /** The engine and the requests, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    PolicyEngine engine;
    Request[] mix;

    @Setup(Level.Trial)
    public void setUp() {
      engine = Fixtures.bundledEngine();
      mix = Fixtures.mix();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      engine.close();
    }
  }

  /** Where one thread is in the mix. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      next = (int) (Thread.currentThread().getId() * 977) & (Fixtures.MIX - 1);
    }

    <T> T next(T[] mix) {
      T r = mix[next];
      next = (next + 1) & (Fixtures.MIX - 1);
      return r;
    }
  }

  @Benchmark
  @Threads(1)
  public Decision engine1Thread(Shared s, Cursor c) {
    return s.engine.decide(c.next(s.mix));
  }

  @Benchmark
  @Threads(2)
  public Decision engine2Threads(Shared s, Cursor c) {
    return s.engine.decide(c.next(s.mix));
  }

  @Benchmark
  @Threads(4)
  public Decision engine4Threads(Shared s, Cursor c) {
    return s.engine.decide(c.next(s.mix));
  }

  @Benchmark
  @Threads(2)
  public HandWrittenRules.Answer handWritten2Threads(Shared s, Cursor c) {
    return HandWrittenRules.decide(c.next(s.mix));
  }
}
