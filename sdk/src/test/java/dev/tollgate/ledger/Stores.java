package dev.tollgate.ledger;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.ContactLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Real ledger stores for tests: in memory, an embedded H2 file database, and a PostgreSQL server named by
 * {@code TOLLGATE_PG_URL} (started by {@code scripts/postgres start}; {@code .ci/run} does it). Each store
 * is fresh: its own H2 file or its own PostgreSQL schema. Without {@code TOLLGATE_PG_URL} the PostgreSQL
 * cases are skipped, unless {@code TOLLGATE_CI=1}, where they fail.
 */
public final class Stores {
  public static final String PG_URL = System.getenv("TOLLGATE_PG_URL");
  private static final java.util.concurrent.atomic.AtomicBoolean SKIP_SHOWN = new java.util.concurrent.atomic.AtomicBoolean();

  public enum Kind { MEMORY, H2, POSTGRESQL }

  private Stores() {}

  /** Skips (or, in CI, fails) a PostgreSQL test when no server is configured. */
  public static void assumePostgres() {
    if (PG_URL == null) {
      if ("1".equals(System.getenv("TOLLGATE_CI"))) {
        fail("TOLLGATE_PG_URL is not set: CI must run the PostgreSQL ledger tests (scripts/postgres start)");
      }
      String reason = "TOLLGATE_PG_URL is not set; PostgreSQL ledger tests skipped (see scripts/postgres)";
      // Surefire's console counts skipped tests but shows no reason; this line does, once per run.
      if (!SKIP_SHOWN.getAndSet(true)) {
        System.out.println("[skipped] " + reason);
      }
      assumeTrue(false, reason);
    }
  }

  public static Store open(Kind kind) {
    return switch (kind) {
      case MEMORY -> new Store(kind, null);
      case H2 -> {
        try {
          Path dir = Files.createTempDirectory("tollgate-ledger");
          yield new Store(kind, "jdbc:h2:file:" + dir.resolve("ledger") + ";MODE=PostgreSQL");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case POSTGRESQL -> {
        assumePostgres();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + schema);
        yield new Store(kind, PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
      }
    };
  }

  /** Runs a statement on the PostgreSQL server, outside any store. */
  public static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(PG_URL); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** One database (or one in-memory ledger); each {@link #ledger()} is a new connection pool onto it. */
  /**
   * Takes the lock a reservation of {@code subject} takes, PostgreSQL's advisory lock or H2's subject row,
   * until the connection's transaction ends (call it with auto-commit off).
   */
  public static void lock(Kind kind, Connection c, String subject) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(kind == Kind.POSTGRESQL
        ? "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))"
        : "MERGE INTO tollgate_subject KEY (subject) VALUES (?)")) {
      ps.setString(1, subject);
      ps.execute();
    }
  }

  public static final class Store implements AutoCloseable {
    private final Kind kind;
    private final String url;
    private final ContactLedger memory;
    private final List<AutoCloseable> pools = new ArrayList<>();

    private Store(Kind kind, String url) {
      this.kind = kind;
      this.url = url;
      this.memory = kind == Kind.MEMORY ? ContactLedger.inMemory() : null;
    }

    public Kind kind() {
      return kind;
    }

    /** The JDBC URL of the store's database (null in memory). */
    public String url() {
      return url;
    }

    /** A ledger on this store through a connection pool of its own, as a separate CRM node would have. */
    public ContactLedger ledger() {
      return kind == Kind.MEMORY ? memory : ContactLedger.jdbc(pool());
    }

    /** A new connection pool onto this store's database. */
    public javax.sql.DataSource pool() {
      if (kind == Kind.H2) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(16);
        pools.add(pool::dispose);
        return pool;
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setMaximumPoolSize(8);
      config.setConnectionTimeout(2_000);
      HikariDataSource pool = new HikariDataSource(config);
      pools.add(pool);
      return pool;
    }

    /** A plain connection to the store's database. */
    public Connection connect() throws SQLException {
      return kind == Kind.H2 ? DriverManager.getConnection(url, "sa", "") : DriverManager.getConnection(url);
    }

    @Override
    public void close() throws Exception {
      for (AutoCloseable pool : pools) {
        pool.close();
      }
      if (kind == Kind.POSTGRESQL) {
        execute("DROP SCHEMA " + url.substring(url.indexOf("currentSchema=") + 14) + " CASCADE");
      }
    }
  }
}
