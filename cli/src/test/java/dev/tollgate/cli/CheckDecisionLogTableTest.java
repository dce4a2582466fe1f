package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code check --decision-log JDBC_URL}, then {@code log verify} and {@code log replay} on it: the log in a table of H2 or of the PostgreSQL server of
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
    String table = newTable();
    try {
      for (int run = 0; run < 2; run++) {
        Invocation check = checkIntoTable(url, table);
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

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void logVerifyAndReplay_readTheTable_andVerifyFindsAnEditedRow(String kind) throws Exception {
    String url = url(kind);
    String table = newTable();
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path signing = Files.writeString(dir.resolve("signing.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Path publicKey = Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    try {
      Invocation check = checkIntoTable(url, table, "--signing-key", signing.toString());
      assertEquals(1, check.status(), check.toString());

      Invocation verify = Invocation.run("log", "verify", url, "--table", table, "--public-key", publicKey.toString());
      assertEquals(0, verify.status(), verify.toString());
      assertEquals("intact: 4 entries; the last checkpoint covers every entry.", verify.out().strip());
      Invocation replay = Invocation.run("log", "replay", url, "--decision-log-table", table, "--packs", Invocation.PACKS);
      assertEquals(0, replay.status(), replay.toString());
      assertTrue(replay.out().startsWith("4 requests replayed (0 skipped): 0 decisions changed"), replay.toString());

      execute(url, "UPDATE " + table + " SET line = REPLACE(line, '\"ALLOW\"', '\"DENY\"') WHERE seq = 2");
      Invocation broken = Invocation.run("log", "verify", url, "--table", table, "--public-key", publicKey.toString());
      assertEquals(1, broken.status(), broken.toString());
      assertTrue(broken.out().startsWith("BROKEN: changed: "), broken.toString());
      assertTrue(broken.out().contains("(seq 2)"), broken.toString());
    } finally {
      if (kind.equals("postgresql")) {
        execute(url, "DROP TABLE IF EXISTS " + table);
        execute(url, "DROP TABLE IF EXISTS " + table + "_schema");
      }
    }
  }

  @Test
  void logVerify_whatCannotBeRead_exitsTwo_sayingWhy_withoutPasswordsOrNewDatabases() throws Exception {
    Path publicKey = Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY",
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded()));
    Invocation absent = Invocation.run("log", "verify", url("h2"), "--table", "no_such_log", "--public-key", publicKey.toString());
    assertEquals(2, absent.status(), absent.toString());
    assertTrue(absent.err().startsWith("tollgate: cannot read the log: decision log table no_such_log cannot be read: "),
        absent.toString());
    Invocation replayAbsent = Invocation.run("log", "replay", url("h2"), "--table", "no_such_log");
    assertEquals(2, replayAbsent.status(), replayAbsent.toString());
    String reason = replayAbsent.err().lines().findFirst().orElse("");
    assertTrue(reason.startsWith("tollgate: cannot read the decision log table no_such_log: decision log table no_such_log"
        + " cannot be read: "), replayAbsent.toString());
    assertEquals(reason.indexOf(" cannot be read: "), reason.lastIndexOf(" cannot be read: "), "the cause is told once: " + reason);
    Invocation mysql = Invocation.run("log", "verify", "jdbc:mysql://db/crm?password=secret", "--public-key", publicKey.toString());
    assertEquals(2, mysql.status(), mysql.toString());
    assertTrue(mysql.err().contains("jdbc:postgresql: or jdbc:h2: URL, was 'jdbc:mysql://db/crm?password=***'"), mysql.toString());
    // The driver quotes a URL it cannot use, password and all: the password is masked there too.
    Invocation badPort = Invocation.run("log", "verify", "jdbc:postgresql://127.0.0.1:abc/crm?user=a&password=S3CRET",
        "--public-key", publicKey.toString());
    assertEquals(2, badPort.status(), badPort.toString());
    assertTrue(badPort.err().contains("password=***"), badPort.toString());
    assertFalse(badPort.toString().contains("S3CRET"), badPort.toString());
    // Reading a log makes no database where there was none.
    Invocation typo = Invocation.run("log", "verify", "jdbc:h2:file:" + dir.resolve("typo"), "--public-key", publicKey.toString());
    assertEquals(2, typo.status(), typo.toString());
    assertFalse(Files.exists(dir.resolve("typo.mv.db")), "an H2 database was made by reading");
    Invocation tableOfFolder = Invocation.run("log", "verify", dir.toString(), "--table", "t", "--public-key", publicKey.toString());
    assertEquals(2, tableOfFolder.status(), tableOfFolder.toString());
    assertTrue(tableOfFolder.err().contains("--table names the table of a LOG given as a JDBC URL"), tableOfFolder.toString());
  }

  private static String newTable() {
    return "tg_check_log_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** {@code check --jsonl} of the evening's four requests, logged to {@code table} at {@code url}. */
  private Invocation checkIntoTable(String url, String table, String... more) throws Exception {
    Path mask = Files.write(dir.resolve("mask.key"), new byte[32]);
    List<String> args = new ArrayList<>(List.of("check", "--packs", Invocation.PACKS, "--jsonl", EVENING, "--decision-log",
        url, "--decision-log-table", table, "--decision-log-journal", dir.resolve("log.journal").toString(),
        "--mask-key", mask.toString()));
    args.addAll(List.of(more));
    return Invocation.run(args.toArray(String[]::new));
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
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
