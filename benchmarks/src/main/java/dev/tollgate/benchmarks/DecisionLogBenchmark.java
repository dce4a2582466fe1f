package dev.tollgate.benchmarks;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import dev.tollgate.decisionlog.DecisionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of the decision log's file sink (default masking, signed checkpoints every 1,000 entries, fsync
 * every second, gzip on rotation), split into who pays it, in one run beside the engine without a log:
 *
 * <ul>
 *   <li>{@code mixWithoutLog}, {@code mixWithFileLog}: the latency distribution on one thread;
 *   <li>{@code withoutLog2Threads}, {@code withFileLog2Threads}: two threads sharing one engine; with the log
 *       this is bounded by the writer once the journal is full;
 *   <li>{@code decidingThreadWriterPaused}: what the deciding thread itself pays (decide and journal) while
 *       the writer is held, so it takes no core and the journal never fills within an iteration;
 *   <li>{@code jsonOnly}: decide and print the request and the decision as JSON, the part of that share the
 *       journal record's contents cost;
 *   <li>{@code writerPerEntry}: the writer alone, per entry: a journal filled while the writer was held is
 *       written out with nothing else deciding.
 * </ul>
 *
 * The writer is held by a thread of the benchmark that owns the log's monitor, which the writer takes to
 * chain and append an entry and the deciding threads never take.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DecisionLogBenchmark {
  /** Entries the writer writes out in one {@code writerPerEntry} invocation. */
  static final int FILLED = 20_000;

  /** An engine without a log and one with, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Engines {
    PolicyEngine plain;
    PolicyEngine logged;
    Request[] mix;
    Keys keys;

    @Setup(Level.Trial)
    public void setUp() throws IOException, GeneralSecurityException {
      keys = new Keys();
      plain = Fixtures.bundledEngine();
      logged = PolicyEngine.builder().bundledPacks().decisionLog(keys.log("decisions").build()).build();
      mix = Fixtures.mix();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      plain.close();
      logged.close();
      keys.delete();
    }
  }

  /**
   * An engine whose log's writer is held during each iteration; its 1 GiB journal takes the iteration's
   * decisions (at 2 s per iteration), and the writer writes them out between iterations.
   */
  @State(Scope.Benchmark)
  public static class PausedWriter {
    Keys keys;
    DecisionLog log;
    PolicyEngine engine;
    Request[] mix;
    WriterHold hold;

    @Setup(Level.Trial)
    public void setUp() throws IOException, GeneralSecurityException {
      keys = new Keys();
      log = keys.log("decisions").journalSize(1L << 30).rotateAt(4L << 20).build();
      engine = PolicyEngine.builder().bundledPacks().decisionLog(log).build();
      mix = Fixtures.mix();
    }

    @Setup(Level.Iteration)
    public void hold() throws InterruptedException {
      hold = new WriterHold(log);
    }

    @TearDown(Level.Iteration)
    public void release() throws InterruptedException {
      hold.release();
      WriterHold.awaitWritten(log, engine.decide(mix[0]).decisionId());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      engine.close();
      keys.delete();
    }
  }

  /**
   * A log whose journal holds {@link #FILLED} decisions of the mix, journaled while the writer was held, before
   * each invocation. Files rotate at 4 MiB so that finding the last entry reads little.
   */
  @State(Scope.Benchmark)
  public static class FilledJournal {
    Keys keys;
    DecisionLog log;
    PolicyEngine plain;
    Request[] mix;
    WriterHold hold;
    String last;

    @Setup(Level.Trial)
    public void setUp() throws IOException, GeneralSecurityException {
      keys = new Keys();
      log = keys.log("decisions").journalSize(1L << 30).rotateAt(4L << 20).build();
      plain = Fixtures.bundledEngine();
      mix = Fixtures.mix();
    }

    @Setup(Level.Invocation)
    public void fill() throws InterruptedException {
      hold = new WriterHold(log);
      for (int i = 0; i < FILLED; i++) {
        Request r = mix[i & (Fixtures.MIX - 1)];
        Decision d = plain.decide(r);
        log.decided(r, d, 0);
        last = d.decisionId();
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      log.close();
      plain.close();
      keys.delete();
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
  public Decision decidingThreadWriterPaused(PausedWriter p, ThroughputBenchmark.Cursor c) {
    return p.engine.decide(c.next(p.mix));
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Decision jsonOnly(Engines e, ThroughputBenchmark.Cursor c, Blackhole bh) {
    Request r = c.next(e.mix);
    Decision d = e.plain.decide(r);
    bh.consume(r.toJson().getBytes(StandardCharsets.UTF_8));
    bh.consume(d.toJson().getBytes(StandardCharsets.UTF_8));
    return d;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(FILLED)
  @Warmup(iterations = 3, batchSize = 1)
  @Measurement(iterations = 5, batchSize = 1)
  public void writerPerEntry(FilledJournal f) throws InterruptedException {
    f.hold.release();
    WriterHold.awaitWritten(f.log, f.last);
  }

  /** Holds a log's writer: a thread owns the log's monitor until released. */
  static final class WriterHold {
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread thread;

    WriterHold(DecisionLog log) throws InterruptedException {
      thread = new Thread(() -> {
        synchronized (log) {
          held.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }, "decision-log-writer-hold");
      thread.setDaemon(true);
      thread.start();
      held.await();
    }

    void release() throws InterruptedException {
      release.countDown();
      thread.join();
    }

    /** Returns once the entry of {@code decisionId} is in the log. */
    static void awaitWritten(DecisionLog log, String decisionId) {
      while (log.find(decisionId) == null) {
        Thread.onSpinWait();
      }
    }
  }

  /** A temporary folder with a masking key and an Ed25519 signing key, for the logs of one state. */
  static final class Keys {
    final Path dir;
    final Path mask;
    final Path signing;

    Keys() throws IOException, GeneralSecurityException {
      dir = Files.createTempDirectory("tollgate-decision-log-bench");
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      signing = Files.writeString(dir.resolve("signing.pem"), "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n",
          StandardCharsets.US_ASCII);
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      mask = Files.write(dir.resolve("mask.key"), key);
    }

    DecisionLog.Builder log(String folder) {
      return DecisionLog.toFolder(dir.resolve(folder)).maskingKey(mask).signingKey(signing);
    }

    void delete() throws IOException {
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
}
