package dev.tollgate.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.ContactLedger;
import dev.tollgate.PolicyEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code tollgate serve} does for each {@code POST /v1/decisions} apart from HTTP, in process, on 2
 * threads: the mix's JSON text in (the lines {@code benchmarks/wrk/WriteMix.java} writes for wrk), the
 * decision's UTF-8 JSON out, on the server's default ledger (an embedded H2 file behind a HikariCP pool,
 * as serve opens it) or in memory. Set beside {@code benchmarks/wrk/run}'s rate, it tells what the HTTP
 * layer costs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ServiceWorkBenchmark {

  /** The engine on its ledger, and the mix as JSON lines, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    @Param({"H2", "MEMORY"})
    String store;

    PolicyEngine engine;
    HikariDataSource pool;
    String[] mix;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      PolicyEngine.Builder builder = PolicyEngine.builder().bundledPacks();
      if (store.equals("H2")) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + Files.createTempDirectory("tollgate-bench").resolve("ledger")
            + ";DB_CLOSE_ON_EXIT=FALSE");
        config.setMaximumPoolSize(16);
        pool = new HikariDataSource(config);
        builder.ledger(ContactLedger.jdbc(pool, Duration.ofSeconds(2)));
      } else if (!store.equals("MEMORY")) {
        throw new IllegalArgumentException("unknown store " + store + "; one of H2, MEMORY");
      }
      engine = builder.build();
      List<String> lines = new Corpus(Fixtures.SEED).jsonLines(Fixtures.MIX);
      mix = lines.toArray(String[]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      engine.close();
      if (pool != null) {
        pool.close();
      }
    }
  }

  @Benchmark
  @Threads(2)
  public byte[] json2Threads(Shared s, ThroughputBenchmark.Cursor c) {
    return s.engine.decideJson(c.next(s.mix)).toJson().getBytes(StandardCharsets.UTF_8);
  }
}
