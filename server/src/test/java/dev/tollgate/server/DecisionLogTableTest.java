package dev.tollgate.server;

import static dev.tollgate.server.Client.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tollgate serve --decision-log JDBC_URL}: a real serve process logs to a table of H2 or of the
 * PostgreSQL server of {@code TOLLGATE_PG_URL} (skipped without it, except on CI, where it fails).
 */
class DecisionLogTableTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void serve_decisionLogJdbcUrl_writesEachDecisionToTheTable_masked(String kind) throws Exception {
    String url = url(kind, dir);
    String table = "tg_serve_log_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Path mask = Files.write(dir.resolve("mask.key"), new byte[32]);
    ServeProcess serve = ServeProcess.start(dir, "--data-dir", dir.resolve("data").toString(), "--decision-log", url,
        "--decision-log-table", table, "--decision-log-journal", dir.resolve("log.journal").toString(),
        "--mask-key", mask.toString());
    try {
      URI base = serve.uri;
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/v1/decisions"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(example("marketing-call-consented.json", "table-1")
              .replace("cust-7f3a9c", "table-subject-1"))).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      JsonNode decision = Client.json(response);
      serve.process.destroy();
      assertTrue(serve.process.waitFor(60, TimeUnit.SECONDS), "did not exit after SIGTERM");
      assertEquals(0, serve.process.exitValue(), Files.readString(serve.stderr));

      List<String> lines = lines(url, table);
      String entry = lines.stream().filter(l -> l.contains(decision.get("decisionId").asText())).findFirst()
          .orElseThrow(() -> new AssertionError("no entry of " + decision + " in " + lines));
      assertTrue(entry.contains("\"seq\":1,"), entry);
      assertTrue(entry.contains("\"id\":\"table-1\""), entry);
      assertFalse(String.join("\n", lines).contains("table-subject-1"), "the raw subject is in the table: " + lines);
    } finally {
      serve.close();
      if (kind.equals("postgresql")) {
        execute(url, "DROP TABLE IF EXISTS " + table);
        execute(url, "DROP TABLE IF EXISTS " + table + "_schema");
      }
    }
  }

  /** The JDBC URL of a database of {@code kind}: an H2 file in {@code dir}, or the shared PostgreSQL. */
  static String url(String kind, Path dir) {
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

  private static List<String> lines(String url, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
         PreparedStatement s = c.prepareStatement("SELECT line FROM " + table + " ORDER BY position");
         ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
