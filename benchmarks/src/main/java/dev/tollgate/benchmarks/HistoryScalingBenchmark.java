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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one decision against the length of the callee's history in the request (stateless mode): an
 * allowed marketing call whose 0 to 10,000 earlier contacts all lie outside the caps' 30 days, so only
 * the counting grows. The hand-written rules scan the history once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class HistoryScalingBenchmark {
  @Param({"0", "10", "100", "1000", "10000"})
  public int contacts;

  private PolicyEngine engine;
  private Request call;

  @Setup(Level.Trial)
  public void setUp() {
    engine = Fixtures.bundledEngine();
    call = Corpus.marketingCallWithHistory(contacts, Fixtures.SEED);
    if (engine.decide(call).isDenied()) {
      throw new IllegalStateException("the call with history should be allowed: " + engine.decide(call));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  public Decision engine() {
    return engine.decide(call);
  }

  @Benchmark
  public HandWrittenRules.Answer handWritten() {
    return HandWrittenRules.decide(call);
  }
}
