package dev.tollgate.benchmarks;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import dev.tollgate.micrometer.TollgateMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
 * One decision with every bundled pack loaded (China, the United States, the European Union), warm, single-threaded: its latency distribution
 * (sample mode gives p50, p90, p99) against the hand-written rules in the same run. {@code -prof gc}
 * adds the bytes allocated per decision ({@code gc.alloc.rate.norm}).
 *
 * <p>{@code mix*} cycle through 4,096 generated calls, data shares and messages; {@code allowed*} and
 * {@code denied*} repeat one marketing call that passes and one that five rules match.
 * {@code mixEngineMetered} decides the mix on an engine that feeds Micrometer meters through a
 * {@link dev.tollgate.DecisionListener}, as the Spring Boot starter's bean does.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class DecisionBenchmark {
  private PolicyEngine engine;
  private PolicyEngine metered;
  private Request[] mix;
  private Request allowed;
  private Request denied;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    engine = Fixtures.bundledEngine();
    TollgateMetrics metrics = new TollgateMetrics();
    metrics.bindTo(new SimpleMeterRegistry());
    metered = PolicyEngine.builder().bundledPacks().listener(metrics).build();
    mix = Fixtures.mix();
    allowed = Fixtures.allowedCall();
    denied = Fixtures.deniedCall();
    if (engine.decide(allowed).isDenied() || !engine.decide(denied).isDenied()) {
      throw new IllegalStateException("the fixed calls no longer decide as their names say");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    metered.close();
  }

  private Request nextOfMix() {
    Request r = mix[next];
    next = (next + 1) & (Fixtures.MIX - 1);
    return r;
  }

  @Benchmark
  public Decision mixEngine() {
    return engine.decide(nextOfMix());
  }

  @Benchmark
  public Decision mixEngineMetered() {
    return metered.decide(nextOfMix());
  }

  @Benchmark
  public HandWrittenRules.Answer mixHandWritten() {
    return HandWrittenRules.decide(nextOfMix());
  }

  @Benchmark
  public Decision allowedCallEngine() {
    return engine.decide(allowed);
  }

  @Benchmark
  public HandWrittenRules.Answer allowedCallHandWritten() {
    return HandWrittenRules.decide(allowed);
  }

  @Benchmark
  public Decision deniedCallEngine() {
    return engine.decide(denied);
  }

  @Benchmark
  public HandWrittenRules.Answer deniedCallHandWritten() {
    return HandWrittenRules.decide(denied);
  }
}
