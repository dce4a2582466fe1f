package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code check --decision-log JDBC_URL}: the log in a table of H2 or of the PostgreSQL server of
 * {@code TOLLGATE_PG_URL} (skipped without it, except on CI, where it fails). Each test has a table of its own.
 */
class CheckDecisionLogTableTest {
  private static final String EVENING = Invocation.REQUESTS + "evening.jsonl";

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void check_decisionLogJdbcUrl_writesEveryDecision_masked_andChainsOnAcrossRuns(String kind) throws Exception {
    String url = url(kind);
    String table = "tg_check_log_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Path mask = Files.write(dir.resolve("mask.key"), new byte[32]);
    try {
      for (int run = 0; run < 2; run++) {
        Invocation check = Invocation.run("check", "--packs", Invocation.PACKS, "--jsonl", EVENING, "--decision-log", url,
            "--decision-log-table", table, "--decision-log-journal", dir.resolve("log.journal").toString(),
            "--mask-key", mask.toString());
        assertEquals(1, check.status(), check.toString());
      }
      List<String> lines = lines(url, table);
      assertEquals(8, lines.size(), String.join("\n", lines));
      for (int i = 0; i < 8; i++) {
        String line = lines.get(i);
        assertTrue(line.contains("\"id\":\"eve-" + (i % 4 + 1) + "\""), line);
        assertTrue(line.contains("\"seq\":" + (i + 1) + ","), line);
        assertFalse(line.contains("\"subject\":\"p-"), "a raw subject is in the table: " + line);
      }
    } finally {
      if (kind.equals("postgresql")) {
        execute(url, "DROP TABLE IF EXISTS " + table);
        execute(url, "DROP TABLE IF EXISTS " + table + "_schema");
      }
    }
  }

  @Test
  void check_decisionLogJdbcUrlWithoutJournal_exitsTwoNamingTheOption() throws Exception {
    Path mask = Files.write(dir.resolve("mask.key"), new byte[32]);
    Invocation check = Invocation.run("check", "--packs", Invocation.PACKS, "--jsonl", EVENING, "--decision-log",
        "jdbc:h2:file:" + dir.resolve("db"), "--mask-key", mask.toString());
    assertEquals(2, check.status(), check.toString());
    assertTrue(check.err().contains("needs --decision-log-journal FILE"), check.toString());
  }

  private String url(String kind) {
    if (kind.equals("h2")) {
      return "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL";
    }
    String url = System.getenv("TOLLGATE_PG_URL");
    if (url == null) {
      if ("1".equals(System.getenv("TOLLGATE_CI"))) {
        fail("TOLLGATE_PG_URL is not set: CI must run the PostgreSQL decision log tests (scripts/postgres start)");
      }
      assumeTrue(false, "TOLLGATE_PG_URL is not set; PostgreSQL decision log tests skipped");
    }
    return url;
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The table's entries, in order; checkpoints (none without a signing key) are left out. */
  private static List<String> lines(String url, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT line FROM " + table + " WHERE seq IS NOT NULL ORDER BY position")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
