package dev.tollgate.internal.ledger;

import dev.tollgate.LedgerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ledger's versioned schema: numbered SQL files under {@code dev/tollgate/ledger/}, applied in order
 * and listed in {@code tollgate_ledger_schema}, so that engines starting together apply each version once
 * and a database newer than this Tollgate is refused.
 *
 * <p>Stateless and thread-safe.
 */
final class LedgerSchema {
  /** The schema versions, in order; the file of version n is the n-th. */
  private static final List<String> MIGRATIONS = List.of("001-contacts.sql", "002-contact-outcomes.sql");
  /** An arbitrary key for the PostgreSQL advisory lock that serialises migrations. */
  private static final long MIGRATION_LOCK = 0x70_6c_6c_67_61_74_65L;

  private LedgerSchema() {}

  /**
   * Brings the schema up to date inside the caller's transaction on {@code c}, each statement timing out
   * after {@code seconds} (0: never); on PostgreSQL, under an advisory lock that makes other processes wait.
   *
   * @throws LedgerException if the database's schema is newer than this class knows
   */
  static void migrate(Connection c, int seconds, boolean postgres) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(seconds);
      if (postgres) {
        s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
      }
      s.execute("CREATE TABLE IF NOT EXISTS tollgate_ledger_schema (version INTEGER PRIMARY KEY, "
          + "file VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      int current;
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM tollgate_ledger_schema")) {
        rs.next();
        current = rs.getInt(1);
      }
      if (current > MIGRATIONS.size()) {
        throw new LedgerException("the ledger's schema is at version " + current + ", newer than this Tollgate knows ("
            + MIGRATIONS.size() + "); upgrade Tollgate", null);
      }
      for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
        String file = MIGRATIONS.get(v - 1);
        for (String statement : statements(file)) {
          s.execute(statement);
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO tollgate_ledger_schema (version, file, applied_at) VALUES (?, ?, ?)")) {
          ps.setInt(1, v);
          ps.setString(2, file);
          ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
          ps.executeUpdate();
        }
      }
    }
  }

  /** The statements of a migration file: separated by semicolons at line ends, comments removed. */
  static List<String> statements(String file) {
    try (InputStream in = LedgerSchema.class.getResourceAsStream("/dev/tollgate/ledger/" + file)) {
      if (in == null) {
        throw new IllegalStateException("migration " + file + " is missing from the classpath");
      }
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.strip().startsWith("--"))
          .collect(Collectors.joining("\n"));
      List<String> out = new ArrayList<>();
      for (String part : sql.split(";\\s*(\\n|$)")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
