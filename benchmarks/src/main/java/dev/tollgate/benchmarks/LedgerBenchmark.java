package dev.tollgate.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
 * Ledger reservations ({@code decideAndRecord}) per second with 8 clients: two engines, as two CRM nodes,
 * each with its own pool of 4 connections, on PostgreSQL (the server of {@code TOLLGATE_PG_URL}, in a
 * fresh schema), on an embedded H2 file, and in memory; every bundled pack loaded.
 *
 * <ul>
 *   <li>{@code onePersonAtTheCap}: all 8 clients call one person who has reached the daily cap, so every
 *       reservation takes the same lock, reads the same history and is denied (DESIGN.md's budget);
 *       after the run the person still has exactly the cap recorded, or the benchmark fails.
 *   <li>{@code manyPeople}: each reservation is for a new person and is allowed, so each commits an insert
 *       (on PostgreSQL, a WAL flush).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(8)
public class LedgerBenchmark {
  static final String HOT = "person-at-the-cap";

  @State(Scope.Benchmark)
  public static class Nodes {
    @Param({"POSTGRESQL", "H2", "MEMORY"})
    public String store;

    HikariDataSource[] pools = new HikariDataSource[0];
    org.h2.jdbcx.JdbcConnectionPool[] h2 = new org.h2.jdbcx.JdbcConnectionPool[0];
    PolicyEngine[] engines;
    String schema;
    final AtomicLong ids = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      ContactLedger[] ledgers = new ContactLedger[2];
      switch (store) {
        case "POSTGRESQL" -> {
          String url = System.getenv("TOLLGATE_PG_URL");
          if (url == null) {
            throw new IllegalStateException("set TOLLGATE_PG_URL (scripts/postgres start) to benchmark the PostgreSQL ledger");
          }
          schema = "bench_" + Long.toHexString(System.nanoTime());
          execute(url, "CREATE SCHEMA " + schema);
          pools = new HikariDataSource[2];
          for (int i = 0; i < 2; i++) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            config.setMaximumPoolSize(4);
            pools[i] = new HikariDataSource(config);
            ledgers[i] = ContactLedger.jdbc(pools[i]);
          }
        }
        case "H2" -> {
          String url = "jdbc:h2:file:" + java.nio.file.Files.createTempDirectory("tollgate-bench") + "/ledger;MODE=PostgreSQL";
          h2 = new org.h2.jdbcx.JdbcConnectionPool[2];
          for (int i = 0; i < 2; i++) {
            h2[i] = org.h2.jdbcx.JdbcConnectionPool.create(url, "sa", "");
            ledgers[i] = ContactLedger.jdbc(h2[i]);
          }
        }
        case "MEMORY" -> ledgers[0] = ledgers[1] = ContactLedger.inMemory();
        // a misspelt store (-p store=postgresql) must not quietly benchmark the memory ledger instead
        default -> throw new IllegalArgumentException("unknown store " + store + "; one of POSTGRESQL, H2, MEMORY");
      }
      engines = new PolicyEngine[2];
      for (int i = 0; i < 2; i++) {
        engines[i] = PolicyEngine.builder().bundledPacks().ledger(ledgers[i]).build();
      }
      // The daily cap is 1: the first call reaches it.
      if (!engines[0].decideAndRecord(call("warm-0", HOT)).isAllowed()) {
        throw new IllegalStateException("the first call to " + HOT + " should be allowed");
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      int recorded = engines[0].ledger().entries(HOT, null).size();
      for (PolicyEngine e : engines) {
        e.close();
      }
      for (HikariDataSource p : pools) {
        p.close();
      }
      for (org.h2.jdbcx.JdbcConnectionPool p : h2) {
        p.dispose();
      }
      if (schema != null) {
        execute(System.getenv("TOLLGATE_PG_URL"), "DROP SCHEMA " + schema + " CASCADE");
      }
      if (recorded != 1) {
        throw new IllegalStateException("overshoot: " + recorded + " calls recorded for a person with a cap of 1");
      }
    }
  }

  /** Which node a client thread is on: half the threads on each. */
  @State(Scope.Thread)
  public static class Client {
    int node;

    @Setup(Level.Trial)
    public void setUp() {
      node = (int) (Thread.currentThread().getId() & 1);
    }
  }

  @Benchmark
  public Decision onePersonAtTheCap(Nodes n, Client c) {
    Decision d = n.engines[c.node].decideAndRecord(call("hot-" + n.ids.incrementAndGet(), HOT));
    if (d.isAllowed() || !d.ruleIds().contains("CN-INST-MKT-FREQ-DAY")) {
      throw new IllegalStateException("expected a DENY citing the daily cap: " + d.ruleIds());
    }
    return d;
  }

  @Benchmark
  public Decision manyPeople(Nodes n, Client c) {
    long id = n.ids.incrementAndGet();
    Decision d = n.engines[c.node].decideAndRecord(call("new-" + id, "person-" + id));
    if (!d.isAllowed()) {
      throw new IllegalStateException("expected an ALLOW: " + d.ruleIds());
    }
    return d;
  }

  /** A consented marketing call at 10:30 Beijing time: only the caps can deny it. */
  static CallRequest call(String id, String subject) {
    return (CallRequest) Request.fromJson("""
        {"type": "call", "id": "%s", "at": "2026-03-02T10:30:00+08:00", "jurisdiction": "CN", "purpose": "MARKETING",
         "product": "consumer-loan", "voice": "HUMAN",
         "caller": {"organization": "Example Consumer Finance Co.", "licensed": true, "numberType": "FIXED",
                    "realNameRegistered": true},
         "callee": {"subject": "%s", "relationship": "CUSTOMER", "dataSource": "FIRST_PARTY",
                    "consent": {"marketingCalls": "GRANTED", "recordedAt": "2025-08-20T10:12:00+08:00"}}}
        """.formatted(id, subject));
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute(sql);
    }
  }
}
