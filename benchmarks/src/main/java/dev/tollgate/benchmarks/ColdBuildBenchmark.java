package dev.tollgate.benchmarks;

import dev.tollgate.PolicyEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading, validating and compiling every bundled pack. {@code cold}: the first build in a fresh JVM
 * (one per fork, so class loading and JIT warm-up are in it, as they are for a service starting);
 * {@code warm}: a rebuild in a JVM that has built before. {@code ./bench cold-cds} runs {@code cold} in JVMs
 * that map an archive of the classes a build loads (application class-data sharing), as a service can.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ColdBuildBenchmark {

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(10)
  public PolicyEngine cold() {
    return closed(Fixtures.bundledEngine());
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 10)
  @Measurement(iterations = 20)
  @Fork(1)
  public PolicyEngine warm() {
    return closed(Fixtures.bundledEngine());
  }

  /** One build, for a JVM that archives the classes it loads ({@code ./bench cold-cds}). */
  public static void main(String[] args) {
    closed(Fixtures.bundledEngine());
  }

  private static PolicyEngine closed(PolicyEngine engine) {
    engine.close();
    return engine;
  }
}
