package dev.tollgate.decisionlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Appends lines to a table, one committed insert each, on H2 or PostgreSQL. The table is created and
 * migrated as the ledger's are: numbered SQL files, applied once each and listed in {@code <table>_schema}.
 * It keeps one connection and opens another after a failure, so a database that comes back is written again.
 */
final class JdbcSink implements Sink {
  /**
   * The schema versions, in order: the statements of version n are the n-th list; {@code {table}} stands for
   * the log's table. Entries have a seq and a decision id, checkpoints neither.
   */
  private static final List<List<String>> MIGRATIONS = List.of(List.of(
      "CREATE TABLE IF NOT EXISTS {table} (position BIGINT PRIMARY KEY, seq BIGINT, decision_id VARCHAR(128), line TEXT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS {table}_decision_id ON {table} (decision_id)"));
  private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,50}");

  private final DataSource dataSource;
  private final String table;
  private final ObjectNode last;
  private Connection connection;
  private long position;

  private JdbcSink(DataSource dataSource, String table, ObjectNode last, long position) {
    this.dataSource = dataSource;
    this.table = table;
    this.last = last;
    this.position = position;
  }

  static String checkTable(String table) {
    if (table == null || !TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException("decision log table '" + table + "' must be a letter, then up to 50 letters, digits or underscores");
    }
    return table;
  }

  /**
   * Migrates the table and reads where the chain stands.
   *
   * @throws IllegalStateException if the database cannot be reached or its schema is newer than this code
   */
  static JdbcSink open(DataSource dataSource, String table) {
    try (Connection c = dataSource.getConnection()) {
      migrate(c, table);
      ObjectNode last = null;
      long position = 0;
      try (Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(position), 0) FROM " + table)) {
          rs.next();
          position = rs.getLong(1);
        }
        try (ResultSet rs = s.executeQuery("SELECT line FROM " + table + " WHERE seq IS NOT NULL ORDER BY position DESC LIMIT 1")) {
          if (rs.next()) {
            last = Entries.read(rs.getString(1));
          }
        }
      }
      return new JdbcSink(dataSource, table, last, position);
    } catch (SQLException e) {
      throw new IllegalStateException("decision log table " + table + " cannot be opened: " + e.getMessage(), e);
    }
  }

  private static void migrate(Connection c, String table) throws SQLException {
    boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    // H2's DDL commits as it goes, so logs in one process take turns; PostgreSQL's advisory lock makes other
    // processes wait too.
    synchronized (JdbcSink.class) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        if (postgres) {
          s.execute("SELECT pg_advisory_xact_lock(hashtext('" + table + "'))");
        }
        s.execute("CREATE TABLE IF NOT EXISTS " + table + "_schema (version INTEGER PRIMARY KEY, "
            + "file VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        int current;
        try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + table + "_schema")) {
          rs.next();
          current = rs.getInt(1);
        }
        if (current > MIGRATIONS.size()) {
          throw new IllegalStateException("decision log table " + table + " is at schema version " + current
              + ", newer than this Tollgate knows (" + MIGRATIONS.size() + "); upgrade Tollgate");
        }
        for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
          for (String statement : MIGRATIONS.get(v - 1)) {
            s.execute(statement.replace("{table}", table));
          }
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + "_schema (version, file, applied_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, v);
            ps.setString(2, "decision log v" + v);
            ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }

  @Override
  public ObjectNode last() {
    return last;
  }

  @Override
  public boolean due(LocalDate today) {
    return false;
  }

  @Override
  public void rotate() {
    throw new UnsupportedOperationException("a table log does not rotate");
  }

  /** {@inheritDoc} Committed when this returns; a failure is an {@link IllegalStateException}. */
  @Override
  public void append(String line, long seq, String decisionId, LocalDate today) {
    try {
      if (connection == null) {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
      }
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO " + table + " (position, seq, decision_id, line) VALUES (?, ?, ?, ?)")) {
        ps.setLong(1, position + 1);
        if (seq > 0) {
          ps.setLong(2, seq);
        } else {
          ps.setNull(2, java.sql.Types.BIGINT);
        }
        ps.setString(3, decisionId);
        ps.setString(4, line);
        ps.executeUpdate();
      }
      position++;
    } catch (SQLException e) {
      Connection broken = connection;
      connection = null;
      try {
        if (broken != null) {
          broken.close();
        }
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("decision log table " + table + " cannot be written: " + e.getMessage(), e);
    }
  }

  @Override
  public void force() {
    // Each insert is committed: the database forces it as its own settings say.
  }

  @Override
  public String find(String decisionId) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT line FROM " + table + " WHERE decision_id = ? ORDER BY position")) {
      ps.setString(1, decisionId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("decision log table " + table + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Reads the lines of a log table in order. */
  static void read(DataSource dataSource, String table, Lines.Visitor visitor) throws IOException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // Streams the rows on PostgreSQL (a fetch size needs a transaction there) instead of holding them all.
        s.setFetchSize(1000);
        try (ResultSet rs = s.executeQuery("SELECT position, line FROM " + checkTable(table) + " ORDER BY position")) {
          while (rs.next()) {
            visitor.line(table + ":" + rs.getLong(1), rs.getString(2));
          }
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IOException("decision log table " + table + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "table " + table;
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Everything was committed; nothing is lost by a connection that fails to close.
      }
      connection = null;
    }
  }
}
