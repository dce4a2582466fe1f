package dev.tollgate.benchmarks;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import dev.tollgate.decisionlog.DecisionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of the decision log's file sink: the mix decided by an engine without a log and by one writing
 * every decision to a log in a temporary folder (default masking, signed checkpoints every 1,000 entries,
 * fsync every second, rotation at 64 MiB with gzip), in the same run. {@code mix*} give the latency
 * distribution on one thread, {@code *2Threads} the throughput of two threads sharing one engine.
 * {@code floor*} measure what any log that reaches the operating system before the decision is returned
 * must spend on the deciding thread, whatever its design: the request and decision printed as JSON and one
 * {@code write} of those bytes to a file (positional, cycling over 64 MiB so the file stays bounded).
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DecisionLogBenchmark {

  /** An engine without a log and one with, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Engines {
    PolicyEngine plain;
    PolicyEngine logged;
    Request[] mix;
    Path dir;
    FileChannel floor;
    long floorAt;

    @Setup(Level.Trial)
    public void setUp() throws IOException, GeneralSecurityException {
      dir = Files.createTempDirectory("tollgate-decision-log-bench");
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      Path signing = dir.resolve("signing.pem");
      Files.writeString(signing, "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n",
          StandardCharsets.US_ASCII);
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Path mask = Files.write(dir.resolve("mask.key"), key);
      plain = Fixtures.bundledEngine();
      logged = PolicyEngine.builder().bundledPacks()
          .decisionLog(DecisionLog.toFolder(dir.resolve("decisions")).maskingKey(mask).signingKey(signing).build())
          .build();
      mix = Fixtures.mix();
      floor = FileChannel.open(dir.resolve("floor"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** One write of {@code bytes} to the floor file, as a log's append would make it. */
    synchronized void write(byte[] bytes) throws IOException {
      floor.write(ByteBuffer.wrap(bytes), floorAt);
      floorAt = (floorAt + bytes.length) & ((64L << 20) - 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      plain.close();
      logged.close();
      floor.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> {
          try {
            Files.delete(f);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Decision mixWithoutLog(Engines e, ThroughputBenchmark.Cursor c) {
    return e.plain.decide(c.next(e.mix));
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Decision mixWithFileLog(Engines e, ThroughputBenchmark.Cursor c) {
    return e.logged.decide(c.next(e.mix));
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public Decision withoutLog2Threads(Engines e, ThroughputBenchmark.Cursor c) {
    return e.plain.decide(c.next(e.mix));
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public Decision withFileLog2Threads(Engines e, ThroughputBenchmark.Cursor c) {
    return e.logged.decide(c.next(e.mix));
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Decision floorJsonAndWrite(Engines e, ThroughputBenchmark.Cursor c) throws IOException {
    Request r = c.next(e.mix);
    Decision d = e.plain.decide(r);
    e.write((r.toJson() + d.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    return d;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Decision floorJsonOnly(Engines e, ThroughputBenchmark.Cursor c, Blackhole bh) {
    Request r = c.next(e.mix);
    Decision d = e.plain.decide(r);
    bh.consume((r.toJson() + d.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    return d;
  }
}
