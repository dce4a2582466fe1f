package dev.tollgate.benchmarks;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import dev.tollgate.bundle.Bundle;
import dev.tollgate.bundle.BundleSource;
import dev.tollgate.bundle.Keys;
import dev.tollgate.bundle.Reload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hot reload of a signed bundle of every pack in {@code rulepacks/} (run from the repository root):
 * {@code reload} is one whole reload (read the file, verify the signature and digests, unpack, load the
 * packs, run their own tests, compile, swap), and {@code decide} is the throughput of 2 deciding threads
 * with {@code reloading=false} and with a third thread reloading back to back ({@code true}), whose ratio
 * is the dip in decisions per second while reloads run.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReloadBenchmark {
  private static final KeyPair LEGAL = Keys.generate();

  /** Two signed bundles of the same packs under two revisions, so that each publication is a real reload. */
  static final class Bundles {
    final Path dir;
    final Path file;
    final byte[][] signed = new byte[2][];
    int next;

    Bundles() {
      Path packs = Path.of("rulepacks");
      if (!Files.isDirectory(packs)) {
        throw new IllegalStateException("run from the repository root: no rulepacks/ in " + Path.of("").toAbsolutePath());
      }
      try {
        dir = Files.createTempDirectory("tollgate-reload");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      file = dir.resolve("packs.bundle");
      for (int i = 0; i < 2; i++) {
        signed[i] = Bundle.build("rev-" + i, List.of(packs)).sign(LEGAL.getPrivate()).toBytes();
      }
      publish();
    }

    void publish() {
      try {
        Path temp = dir.resolve("next.tmp");
        Files.write(temp, signed[next]);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      next ^= 1;
    }

    BundleSource source(java.util.function.Consumer<Reload> listener) {
      return BundleSource.file(file).publicKey(LEGAL.getPublic()).interval(Duration.ofHours(1)).listener(listener).build();
    }

    /**
     * Publishes the other bundle and loads it: through {@code refresh}, or by the file watcher if it saw the
     * new file first ({@code refresh} then waits for that load and returns null).
     */
    Reload reload(BundleSource source) {
      String revision = "rev-" + next;
      publish();
      Reload r = source.refresh();
      if (r == null) {
        r = source.status().lastAttempt();
      }
      if (r == null || !r.loaded() || !revision.equals(r.revision())) {
        throw new IllegalStateException("reload of " + revision + " did not load: " + r);
      }
      return r;
    }
  }

  /** An engine on the bundle, and with {@code reloading}, a thread replacing the bundle back to back. */
  @State(Scope.Benchmark)
  public static class Deciding {
    @Param({"false", "true"})
    boolean reloading;
    Bundles bundles;
    BundleSource source;
    PolicyEngine engine;
    Request[] mix;
    Thread reloader;
    volatile boolean stop;
    final AtomicLong reloads = new AtomicLong();
    final AtomicLong reloadNanos = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
      bundles = new Bundles();
      source = bundles.source(r -> {
        reloads.incrementAndGet();
        reloadNanos.addAndGet(r.took().toNanos());
      });
      engine = PolicyEngine.builder().bundle(source).build();
      reloads.set(0);
      reloadNanos.set(0);
      mix = Fixtures.mix();
      if (reloading) {
        reloader = new Thread(() -> {
          while (!stop) {
            bundles.reload(source);
          }
        }, "reloader");
        reloader.setDaemon(true);
        reloader.start();
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop = true;
      if (reloader != null) {
        reloader.join();
        long n = reloads.get();
        System.out.printf("%n%d reloads during the trial, %.0f ms each on average%n", n,
            n == 0 ? 0.0 : reloadNanos.get() / 1e6 / n);
      }
      engine.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 3)
  @Measurement(iterations = 4, time = 3)
  @Threads(2)
  public Decision decide(Deciding s, ThroughputBenchmark.Cursor c) {
    return s.engine.decide(c.next(s.mix));
  }

  /** An engine on the bundle, for timing reloads. */
  @State(Scope.Benchmark)
  public static class Reloads {
    Bundles bundles;
    BundleSource source;
    PolicyEngine engine;

    @Setup(Level.Trial)
    public void setUp() {
      bundles = new Bundles();
      source = bundles.source(r -> { });
      engine = PolicyEngine.builder().bundle(source).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      engine.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 3, time = 5)
  public Reload reload(Reloads s) {
    return s.bundles.reload(s.source);
  }
}
