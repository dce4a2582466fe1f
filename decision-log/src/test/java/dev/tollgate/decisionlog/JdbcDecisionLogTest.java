package dev.tollgate.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The decision log in a table beside the ledger's, on an embedded H2 file database and on the PostgreSQL
 * server of {@code TOLLGATE_PG_URL} (skipped without it, except on CI). Each test has a table of its own.
 */
class JdbcDecisionLogTest {
  @TempDir
  Path dir;

  private DataSource dataSource(String kind) {
    if (kind.equals("h2")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL");
      return h2;
    }
    String url = System.getenv("TOLLGATE_PG_URL");
    if (url == null) {
      if ("1".equals(System.getenv("TOLLGATE_CI"))) {
        fail("TOLLGATE_PG_URL is not set: CI must run the PostgreSQL decision log tests (scripts/postgres start)");
      }
      assumeTrue(false, "TOLLGATE_PG_URL is not set; PostgreSQL decision log tests skipped");
    }
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(url);
    return pg;
  }

  private static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<String> lines(DataSource ds, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT line FROM " + table + " ORDER BY position")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void tableLog_beside_theLedger_chainsAcrossReopen_verifies_finds_replays_andCatchesAnEdit(String kind) throws Exception {
    DataSource ds = dataSource(kind);
    LogKeys keys = LogKeys.in(dir);
    String table = "dl_" + UUID.randomUUID().toString().replace("-", "");
    try {
      List<Decision> decided = new ArrayList<>();
      for (int run = 0; run < 2; run++) {
        DecisionLog log = DecisionLog.toDatabase(ds, table).journal(dir.resolve(table + ".journal"))
            .maskingKey(keys.masking()).signingKey(keys.signing()).checkpointEvery(2).build();
        try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().ledger(ContactLedger.jdbc(ds)).decisionLog(log).build()) {
          for (int i = 0; i < 3; i++) {
            decided.add(engine.decideJson(DecisionLogTest.consented("jdbc-" + run + "-" + i, DecisionLogTest.SUBJECT)));
          }
          ObjectNode found = Entries.read(log.find(decided.get(0).decisionId()));
          assertEquals("jdbc-0-0", found.get("decision").get("id").asText());
        }
      }
      LogVerifier.Result result = LogVerifier.verify(ds, table, keys.publicKey());
      assertEquals(LogVerifier.Status.INTACT, result.status(), result.message());
      assertEquals(6, result.entries());
      for (String line : lines(ds, table)) {
        assertFalse(line.contains(DecisionLogTest.SUBJECT), line);
      }
      try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().build()) {
        LogReplay.Result replay = LogReplay.replay(ds, table, engine);
        assertEquals(6, replay.replayed());
        assertEquals(List.of(), replay.changes());
      }

      execute(ds, "UPDATE " + table + " SET line = REPLACE(line, 'jdbc-1-1', 'jdbc-1-X') WHERE seq = 5");
      result = LogVerifier.verify(ds, table, keys.publicKey());
      assertEquals(LogVerifier.Status.BROKEN, result.status(), result.message());
      assertTrue(result.message().startsWith("changed: the entry at " + table + ":"), result.message());
      assertTrue(result.message().contains("(seq 5)"), result.message());
    } finally {
      if (kind.equals("postgresql")) {
        execute(ds, "DROP TABLE IF EXISTS " + table);
        execute(ds, "DROP TABLE IF EXISTS " + table + "_schema");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void tableGone_deniesCitingEvaluationError_andRecoversWhenItIsBack(String kind) throws Exception {
    DataSource ds = dataSource(kind);
    LogKeys keys = LogKeys.in(dir);
    String table = "dl_" + UUID.randomUUID().toString().replace("-", "");
    try {
      DecisionLog log = DecisionLog.toDatabase(ds, table).journal(dir.resolve(table + ".journal"))
          .maskingKey(keys.masking()).signingKey(keys.signing()).build();
      List<Decision> allowed = new ArrayList<>();
      try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().decisionLog(log).build()) {
        allowed.add(engine.decideJson(DecisionLogTest.consented("gone-1", "s-1")));
        execute(ds, "ALTER TABLE " + table + " RENAME TO " + table + "_away");
        // Journaled before the writer finds the table gone: returned ALLOW, and written once it is back.
        allowed.add(engine.decideJson(DecisionLogTest.consented("gone-2", "s-1")));
        DecisionLogTest.await(() -> log.failures() > 0, "the writer finds the table gone");
        Decision denied = engine.decideJson(DecisionLogTest.consented("gone-3", "s-1"));
        assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), denied.ruleIds(), denied.toString());
        execute(ds, "ALTER TABLE " + table + "_away RENAME TO " + table);
        allowed.add(DecisionLogTest.decideUntilAllowed(engine, "gone-4"));
      }
      assertTrue(allowed.stream().allMatch(Decision::isAllowed), allowed.toString());
      LogVerifier.Result result = LogVerifier.verify(ds, table, keys.publicKey());
      assertEquals(LogVerifier.Status.INTACT, result.status(), result.message());
      assertEquals(3, result.entries(), "every decision returned ALLOW, none denied");
    } finally {
      if (kind.equals("postgresql")) {
        execute(ds, "DROP TABLE IF EXISTS " + table);
        execute(ds, "DROP TABLE IF EXISTS " + table + "_away");
        execute(ds, "DROP TABLE IF EXISTS " + table + "_schema");
      }
    }
  }
}
