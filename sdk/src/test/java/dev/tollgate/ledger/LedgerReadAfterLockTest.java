package dev.tollgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tollgate.CallRequest.Channel;
import dev.tollgate.CallRequest.Outcome;
import dev.tollgate.ContactLedger;
import dev.tollgate.ContactLedger.Entry;
import dev.tollgate.internal.ledger.WindowedLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reservation that has to wait for the subject's lock reads what the holder of the lock committed: its
 * read starts after the lock is granted, not when the lock was asked for. A read whose snapshot were older
 * than the lock would miss the holder's contact and pass a cap the holder had just reached.
 */
class LedgerReadAfterLockTest {
  static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

  @ParameterizedTest
  @EnumSource(value = Stores.Kind.class, names = {"H2", "POSTGRESQL"})
  void aReservationWaitingForTheLock_readsWhatTheHolderCommitted(Stores.Kind kind) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Stores.Store store = Stores.open(kind)) {
      ContactLedger ledger = store.ledger();
      // every form of the read: all the subject's contacts, those since a time, and an engine's windowed
      // read, where the held call is older than the time and found as a pending call, counted as a conversation
      for (int form = 0; form < 3; form++) {
        Instant since = form == 0 ? null : form == 1 ? T0 : T0.plusSeconds(3600);
        boolean windowed = form == 2;
        String what = kind + ", since " + since + (windowed ? ", windowed" : "");
        String subject = "p-" + UUID.randomUUID();
        Entry held = new Entry("held-" + subject, T0.plusSeconds(60), null, null, null, Channel.CALL, null);
        try (Connection holder = store.connect()) {
          holder.setAutoCommit(false);
          Stores.lock(kind, holder, subject);
          insert(holder, subject, held);

          // a cap of one: the reservation records its call only if it reads no contact
          Future<List<Entry>> reservation = pool.submit(() -> {
            List<List<Entry>> read = new java.util.ArrayList<>();
            Function<List<Entry>, Entry> decide = entries -> {
              read.add(entries);
              return entries.isEmpty() ? new Entry("late-" + subject, T0.plusSeconds(120), null, null, null, Channel.CALL, null) : null;
            };
            if (windowed) {
              ((WindowedLedger) ledger).reserve(subject, since, Set.of(Outcome.REFUSED, Outcome.CONVERSATION), decide);
            } else {
              ledger.reserve(subject, since, decide);
            }
            return read.get(read.size() - 1);
          });
          awaitBlocked(kind, store, subject, reservation);
          holder.commit();
          assertEquals(List.of(held), reservation.get(30, TimeUnit.SECONDS), what);
        }
        assertEquals(List.of(held), ledger.entries(subject, null), what + ": nothing else recorded");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static void insert(Connection c, String subject, Entry e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO tollgate_contact (contact_id, subject, contact_at, channel, recorded_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, e.id());
      ps.setString(2, subject);
      ps.setObject(3, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
      ps.setString(4, e.channel().name());
      ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
      ps.executeUpdate();
    }
  }

  /** Waits until the reservation is waiting for the subject's lock; fails if it finished without waiting. */
  static void awaitBlocked(Stores.Kind kind, Stores.Store store, String subject, Future<?> reservation) throws Exception {
    String sql = kind == Stores.Kind.POSTGRESQL
        ? "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            + "AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0)"
        // H2 names no blocker for a row lock; the reservation is in its MERGE while the holder has the row
        : "SELECT count(*) FROM information_schema.sessions WHERE session_id <> SESSION_ID() "
            + "AND executing_statement LIKE 'MERGE INTO tollgate_subject%'";
    try (Connection c = store.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (kind == Stores.Kind.POSTGRESQL) {
        ps.setString(1, subject);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        assertFalse(reservation.isDone(), "the reservation did not wait for the lock");
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(5);
      }
    }
    fail("the reservation never waited for the lock");
  }
}
