package dev.tollgate.internal.ledger;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.LedgerException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The ledger in a PostgreSQL or H2 database. A reservation is one transaction: lock the subject (on
 * PostgreSQL an advisory lock on the subject's hash, on H2 the subject's row in {@code tollgate_subject},
 * created by the same statement), read the subject's contacts (those a decision can count, see
 * {@link WindowedLedger}), decide, insert. The lock serialises reservations for one person across every
 * engine and process using the database; reservations for different people run in parallel.
 *
 * <p>Opening it brings the database's schema up to date ({@link LedgerSchema}).
 */
public final class JdbcLedger implements ContactLedger, WindowedLedger {
  private static final String COLUMNS = "contact_id, contact_at, purpose, product, debt, channel, outcome";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM tollgate_contact";
  private static final String OF_SUBJECT = " WHERE subject = ?";
  private static final String ORDER = " ORDER BY contact_at, contact_id";

  /** The most attempts of one operation whose pooled connections turn out broken. */
  private static final int MAX_ATTEMPTS = 10;
  /** Runs the driver's abort of a connection whose network timeout passed on the thread that waited. */
  private static final Executor DIRECT = Runnable::run;

  private final DataSource dataSource;
  /** How long one operation (or one decision, see {@link WindowedLedger}) may take in all. */
  private final long timeoutNanos;
  private final Dialect dialect;
  private final Read all;
  /** The reads of the contacts since a time made so far, by the outcomes kept. */
  private final ConcurrentHashMap<Set<CallRequest.Outcome>, Read> reads = new ConcurrentHashMap<>();

  private enum Dialect {
    /**
     * A transaction-scoped advisory lock on the subject's 64-bit hash: it writes nothing, so a
     * reservation that is denied commits without waiting for a WAL flush. Two subjects with the same hash
     * merely take turns.
     */
    POSTGRESQL("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", true, ""),
    /**
     * Creates the subject's row if needed and locks it until the transaction ends. H2 plans a statement
     * when it is prepared, without its parameters' values, and on its default column statistics rates a
     * range of (subject, contact_at) as good as one of (subject, outcome, contact_at): the selects of
     * older contacts by outcome name their index.
     */
    H2("MERGE INTO tollgate_subject KEY (subject) VALUES (?)", false, " USE INDEX (tollgate_contact_subject_outcome_at)");

    /** Locks the subject until the transaction ends. */
    final String lock;
    /**
     * Whether the lock and then the read go as two statements in one round trip (see
     * {@link #lockAndSelect}), rather than the read being sent after the lock has returned.
     */
    final boolean oneTrip;
    /** What follows the table's name in a select of the older contacts of a kept outcome. */
    final String byOutcome;

    Dialect(String lock, boolean oneTrip, String byOutcome) {
      this.lock = lock;
      this.oneTrip = oneTrip;
      this.byOutcome = byOutcome;
    }
  }

  /**
   * A read of a subject's contacts: {@code parts} selects joined by UNION ALL, each taking the subject
   * and, if {@code timed}, a time as its parameters; {@code lockThenSql} is the dialect's lock followed by
   * the read (see {@link #lockAndSelect}), or null where the read is sent after the lock has returned.
   */
  private record Read(String sql, String lockThenSql, int parts, boolean timed) {
    Read(String sql, Dialect dialect, int parts, boolean timed) {
      this(sql, dialect.oneTrip ? dialect.lock + ";\n" + sql : null, parts, timed);
    }

    /** All the subject's contacts. */
    static Read all(Dialect dialect) {
      return new Read(SELECT + OF_SUBJECT + ORDER, dialect, 1, false);
    }

    /**
     * The contacts at or after a time and, before it, one part per kept outcome, and one for the contacts
     * whose outcome is not recorded yet if a conversation is kept (as which they count). Each part is a
     * range of one index, (subject, contact_at) or (subject, outcome, contact_at), so the read never passes
     * over the older contacts of the outcomes not kept, however many there are.
     */
    static Read of(Set<CallRequest.Outcome> kept, Dialect dialect) {
      StringBuilder sql = new StringBuilder(SELECT).append(OF_SUBJECT).append(" AND contact_at >= ?");
      String byOutcome = "\nUNION ALL " + SELECT + dialect.byOutcome + OF_SUBJECT;
      int parts = 1;
      for (CallRequest.Outcome o : CallRequest.Outcome.values()) {
        if (kept.contains(o)) {
          sql.append(byOutcome).append(" AND outcome = '").append(o.name()).append("' AND contact_at < ?");
          parts++;
        }
      }
      if (kept.contains(CallRequest.Outcome.CONVERSATION)) {
        sql.append(byOutcome).append(" AND outcome IS NULL AND contact_at < ?");
        parts++;
      }
      return new Read(sql.append(ORDER).toString(), dialect, parts, true);
    }

    /** Sets the read's parameters from index {@code first} on. */
    void bind(PreparedStatement ps, int first, String subject, Instant since) throws SQLException {
      int i = first;
      for (int p = 0; p < parts; p++) {
        ps.setString(i++, subject);
        if (timed) {
          ps.setObject(i++, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
        }
      }
    }
  }

  private JdbcLedger(DataSource dataSource, Duration timeout, Dialect dialect) {
    this.dataSource = dataSource;
    this.timeoutNanos = timeout.toNanos();
    this.dialect = dialect;
    this.all = Read.all(dialect);
  }

  /** Connects, checks the database and brings its schema up to date. */
  public static JdbcLedger open(DataSource dataSource, Duration timeout) {
    Dialect dialect;
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      if (product.equals("PostgreSQL")) {
        dialect = Dialect.POSTGRESQL;
      } else if (product.equals("H2")) {
        dialect = Dialect.H2;
      } else {
        throw new LedgerException("the contact ledger runs on PostgreSQL or H2, not on " + product, null);
      }
    } catch (SQLException e) {
      throw new LedgerException("cannot open the contact ledger: " + e.getMessage(), e);
    }
    JdbcLedger ledger = new JdbcLedger(dataSource, timeout, dialect);
    ledger.migrate();
    return ledger;
  }

  private void migrate() {
    // H2's DDL commits as it goes, so engines in one process take turns; PostgreSQL's advisory lock
    // makes engines in other processes wait too.
    synchronized (JdbcLedger.class) {
      transaction("migrating the ledger schema", (c, seconds) -> {
        LedgerSchema.migrate(c, seconds, dialect == Dialect.POSTGRESQL);
        return null;
      });
    }
  }

  @Override
  public void record(String subject, String contactId, CallRequest.Contact contact) {
    Subjects.check(subject);
    Entry entry = InMemoryLedger.entry(contactId, contact);
    transaction("recording a contact", (c, seconds) -> {
      lock(c, subject, seconds);
      try (PreparedStatement ps = c.prepareStatement("SELECT subject FROM tollgate_contact WHERE contact_id = ?")) {
        ps.setQueryTimeout(seconds);
        ps.setString(1, contactId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            sameSubject(contactId, subject, rs.getString(1));
            return null;
          }
        }
      }
      insert(c, subject, entry, seconds);
      return null;
    });
  }

  @Override
  public boolean recordOutcome(String contactId, CallRequest.Outcome outcome) {
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(outcome, "outcome");
    return transaction("recording an outcome", (c, seconds) -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE tollgate_contact SET outcome = ?, outcome_at = ? "
          + "WHERE contact_id = ? AND (outcome IS NULL OR outcome <> 'REFUSED')")) {
        ps.setQueryTimeout(seconds);
        ps.setString(1, outcome.name());
        ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
        ps.setString(3, contactId);
        if (ps.executeUpdate() > 0) {
          return true;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tollgate_contact WHERE contact_id = ?")) {
        ps.setQueryTimeout(seconds);
        ps.setString(1, contactId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  @Override
  public List<Entry> entries(String subject, Instant since) {
    return entries(subject, since, since == null ? all : read(Set.of()));
  }

  @Override
  public List<Entry> entries(String subject, Instant since, Set<CallRequest.Outcome> kept) {
    return entries(subject, since, kept, System.nanoTime());
  }

  @Override
  public List<Entry> entries(String subject, Instant since, Set<CallRequest.Outcome> kept, long started) {
    Objects.requireNonNull(subject, "subject");
    Read read = read(kept);
    Instant from = Objects.requireNonNull(since, "since");
    return transaction("reading contacts", started, false, (c, seconds) -> select(c, subject, from, read, seconds));
  }

  private List<Entry> entries(String subject, Instant since, Read read) {
    Objects.requireNonNull(subject, "subject");
    return transaction("reading contacts", System.nanoTime(), false, (c, seconds) -> select(c, subject, since, read, seconds));
  }

  @Override
  public void reserve(String subject, Instant since, Function<List<Entry>, Entry> decide) {
    reserve(subject, since, since == null ? all : read(Set.of()), decide, System.nanoTime());
  }

  @Override
  public void reserve(String subject, Instant since, Set<CallRequest.Outcome> kept, Function<List<Entry>, Entry> decide) {
    reserve(subject, since, kept, decide, System.nanoTime());
  }

  @Override
  public void reserve(String subject, Instant since, Set<CallRequest.Outcome> kept, Function<List<Entry>, Entry> decide,
      long started) {
    reserve(subject, Objects.requireNonNull(since, "since"), read(kept), decide, started);
  }

  private void reserve(String subject, Instant since, Read read, Function<List<Entry>, Entry> decide, long started) {
    Subjects.check(subject);
    transaction("reserving a contact", started, true, (c, seconds) -> {
      List<Entry> contacts;
      if (read.lockThenSql() != null) {
        contacts = lockAndSelect(c, subject, since, read, seconds);
      } else {
        lock(c, subject, seconds);
        contacts = select(c, subject, since, read, seconds);
      }
      Entry entry = decide.apply(contacts);
      if (entry != null && contacts.stream().noneMatch(e -> e.id().equals(entry.id()))) {
        insert(c, subject, entry, seconds);
      }
      return null;
    });
  }

  /** The read of the contacts at or after a time and the older ones of the kept outcomes, made once per set. */
  private Read read(Set<CallRequest.Outcome> kept) {
    return reads.computeIfAbsent(kept, k -> Read.of(k, dialect));
  }

  @Override
  public int prune(Instant before, Set<CallRequest.Outcome> keep) {
    Objects.requireNonNull(before, "before");
    String kept = keep.isEmpty() ? "" : " AND (outcome IS NULL OR outcome NOT IN ("
        + keep.stream().map(o -> "'" + o.name() + "'").sorted().collect(Collectors.joining(", ")) + "))";
    return transaction("pruning the ledger", (c, seconds) -> {
      int removed;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM tollgate_contact WHERE contact_at < ?" + kept)) {
        ps.setQueryTimeout(seconds);
        ps.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
        removed = ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM tollgate_subject WHERE NOT EXISTS "
          + "(SELECT 1 FROM tollgate_contact WHERE tollgate_contact.subject = tollgate_subject.subject)")) {
        ps.setQueryTimeout(seconds);
        ps.executeUpdate();
      }
      return removed;
    });
  }

  private void lock(Connection c, String subject, int seconds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(dialect.lock)) {
      ps.setQueryTimeout(seconds);
      ps.setString(1, subject);
      ps.execute();
    }
  }

  private List<Entry> select(Connection c, String subject, Instant since, Read read, int seconds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(read.sql())) {
      ps.setQueryTimeout(seconds);
      read.bind(ps, 1, subject, since);
      try (ResultSet rs = ps.executeQuery()) {
        return entries(rs);
      }
    }
  }

  /**
   * Locks the subject and reads its contacts in one round trip: the driver sends the two statements as
   * Parse/Bind/Execute each, then one Sync. The server runs them in order, and in READ COMMITTED each
   * statement takes its own snapshot when it starts, so the read's snapshot is taken after the lock is
   * granted and sees everything the previous holder committed. (One statement with the lock in a
   * subquery would not: its snapshot would be older than the lock.)
   */
  private List<Entry> lockAndSelect(Connection c, String subject, Instant since, Read read, int seconds)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(read.lockThenSql())) {
      ps.setQueryTimeout(seconds);
      ps.setString(1, subject);
      read.bind(ps, 2, subject, since);
      ps.execute();
      if (!ps.getMoreResults()) {
        throw new SQLException("the read after the lock returned no result set");
      }
      try (ResultSet rs = ps.getResultSet()) {
        return entries(rs);
      }
    }
  }

  private static List<Entry> entries(ResultSet rs) throws SQLException {
    List<Entry> out = new ArrayList<>();
    while (rs.next()) {
      String purpose = rs.getString(3);
      String outcome = rs.getString(7);
      out.add(new Entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
          purpose == null ? null : CallRequest.Purpose.valueOf(purpose), rs.getString(4), rs.getString(5),
          CallRequest.Channel.valueOf(rs.getString(6)),
          outcome == null ? null : CallRequest.Outcome.valueOf(outcome)));
    }
    return out;
  }

  private void insert(Connection c, String subject, Entry e, int seconds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO tollgate_contact (" + COLUMNS
        + ", subject, recorded_at, outcome_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setQueryTimeout(seconds);
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      ps.setString(1, e.id());
      ps.setObject(2, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
      ps.setString(3, e.purpose() == null ? null : e.purpose().name());
      ps.setString(4, e.product());
      ps.setString(5, e.debt());
      ps.setString(6, e.channel().name());
      ps.setString(7, e.outcome() == null ? null : e.outcome().name());
      ps.setString(8, subject);
      ps.setObject(9, now);
      ps.setObject(10, e.outcome() == null ? null : now);
      ps.executeUpdate();
    } catch (SQLException ex) {
      if (isUniqueViolation(ex)) {
        throw new IllegalArgumentException("contact id " + e.id() + " is already recorded (for another subject, or "
            + "before the contacts this reservation read)", ex);
      }
      throw ex;
    }
  }

  private static void sameSubject(String contactId, String subject, String owner) {
    if (!owner.equals(subject)) {
      throw new IllegalArgumentException("contact id " + contactId + " is already recorded for another subject");
    }
  }

  private static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** Gives the connection back as it was borrowed; a broken connection is the pool's to discard. */
  private static void restore(Connection c, boolean autoCommit, int networkTimeout) {
    try {
      c.setAutoCommit(autoCommit);
      if (networkTimeout >= 0) {
        c.setNetworkTimeout(DIRECT, networkTimeout);
      }
    } catch (SQLException ignored) {
      // the failure that broke it is already on its way to the caller
    }
  }

  /**
   * Bounds every wait on the server's answer on this connection to {@code millis}, so that a server that
   * stops answering (paused, or behind a network partition) fails the operation in time instead of
   * holding it until the operating system gives up on the socket.
   *
   * @return the connection's network timeout before, to restore, or -1 where the driver has none (H2
   *     embedded, which has no network)
   */
  private static int boundNetworkWaits(Connection c, long millis) throws SQLException {
    try {
      int before = c.getNetworkTimeout();
      c.setNetworkTimeout(DIRECT, (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
      return before;
    } catch (SQLFeatureNotSupportedException e) {
      return -1;
    }
  }

  /** Work inside one transaction, each statement of which times out after {@code seconds} (0: never). */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c, int seconds) throws SQLException;
  }

  private <T> T transaction(String what, Work<T> work) {
    return transaction(what, System.nanoTime(), true, work);
  }

  /**
   * Runs {@code work} in a transaction on a borrowed connection, committing at the end and rolling back
   * on any failure, all within the ledger's timeout counted from {@code started}: every wait for the
   * server's answer on the network (see {@link #boundNetworkWaits}), and on H2 each statement and lock.
   * A transaction that lost a race to create the same subject row (H2 reports a unique violation where
   * PostgreSQL's upsert waits) or a serialisation failure is retried, and so is one whose connection
   * turned out broken before the commit was sent (a pooled connection to a server that restarted):
   * nothing of it was committed. A connection lost while committing is not retried: the commit may have
   * been applied without its acknowledgement arriving, and the message says so.
   *
   * <p>{@code locking} is false for work that only reads: on H2 it then leaves the session's lock timeout
   * as it is. A plain SELECT takes no row locks there, and each {@code SET} empties the query cache of
   * every session of the database, so that every statement after it is parsed and planned again.
   */
  private <T> T transaction(String what, long started, boolean locking, Work<T> work) {
    long deadline = started + timeoutNanos;
    for (int attempt = 1; ; attempt++) {
      boolean borrowed = false;
      boolean committing = false;
      try (Connection c = dataSource.getConnection()) {
        borrowed = true;
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SQLTimeoutException("the ledger's timeout of " + Duration.ofNanos(timeoutNanos).toMillis()
              + " ms passed while waiting for a connection; give the pool a shorter acquisition timeout", "HYT00");
        }
        int networkTimeout = boundNetworkWaits(c, TimeUnit.NANOSECONDS.toMillis(left));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
          // On PostgreSQL the network bound ends every wait, a wait for a lock included. A statement timeout
          // there would do harm: the driver cancels a statement over a new connection and waits for that
          // (10 s by default) before it returns, which against a server that does not answer outlasts the
          // ledger's timeout. H2 runs embedded, without a network: its statements and locks time out.
          int seconds = dialect == Dialect.H2
              ? (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999))) : 0;
          if (dialect == Dialect.H2 && locking) {
            try (Statement s = c.createStatement()) {
              s.execute("SET LOCK_TIMEOUT " + Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
          }
          T out = work.run(c, seconds);
          committing = true;
          c.commit();
          return out;
        } catch (SQLException | RuntimeException e) {
          try {
            c.rollback();
          } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
          }
          throw e;
        } finally {
          restore(c, autoCommit, networkTimeout);
        }
      } catch (SQLException e) {
        String state = e.getSQLState();
        boolean raced = isUniqueViolation(e) || "40001".equals(state) || "40P01".equals(state);
        if (raced && attempt < 3) {
          continue;
        }
        // A pool may hold several connections that a restart broke; each fails at once. A server that
        // cannot be reached fails in getConnection and is not retried.
        if (borrowed && !committing && isConnectionLost(e) && attempt < MAX_ATTEMPTS
            && deadline - System.nanoTime() > 0) {
          continue;
        }
        if (committing) {
          throw new LedgerException(what + " failed while committing, so it may have been recorded (the database "
              + "did not acknowledge the commit; deciding the same request id again tells which, and records "
              + "nothing twice): " + e.getMessage(), e);
        }
        throw new LedgerException(what + " failed: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Whether the connection failed rather than the statement: SQLSTATE class 08 (connection exception) or
   * the server shutting down or terminating the session (57P01 to 57P03).
   */
  private static boolean isConnectionLost(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.startsWith("57P0"));
  }
}
