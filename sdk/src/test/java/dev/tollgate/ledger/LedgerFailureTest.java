package dev.tollgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.LedgerException;
import dev.tollgate.PolicyEngine;
import dev.tollgate.PolicyEvaluationException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A ledger that cannot be reached, or does not answer in time, denies (TOLLGATE-EVALUATION-ERROR), records
 * nothing, and the same engine recovers when the database is back.
 */
class LedgerFailureTest {
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  @TempDir
  Path dir;

  static Decision reserve(PolicyEngine engine, String id, String subject) {
    return engine.decideAndRecord(LedgerDecisionTest.call(id, subject, "MARKETING", LedgerDecisionTest.DAY1));
  }

  static void assertFailedClosed(Decision d) {
    assertEquals(Decision.Verdict.DENY, d.verdict());
    assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), d.ruleIds());
    assertTrue(d.findings().get(0).message().en().contains("LedgerException"), d.findings().get(0).message().en());
  }

  @Test
  void aDatabaseServerThatGoesAway_deniesEveryCall_andTheEngineRecoversWhenItReturns() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String[] args = {"-tcpPort", String.valueOf(port), "-baseDir", dir.toString(), "-ifNotExists"};
    Server server = Server.createTcpServer(args).start();
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:tcp://localhost:" + port + "/ledger;MODE=PostgreSQL");
    dataSource.setUser("sa");
    ContactLedger ledger = ContactLedger.jdbc(dataSource, TIMEOUT);
    try (PolicyEngine engine = LedgerDecisionTest.engine(ledger);
        PolicyEngine throwing = PolicyEngine.builder().packs(LedgerDecisionTest.PACKS).ledger(ledger)
            .onError(PolicyEngine.OnError.THROW).build()) {
      assertTrue(reserve(engine, "m-1", "p-1").isAllowed());

      server.stop();
      assertFailedClosed(reserve(engine, "m-2", "p-1"));
      assertFailedClosed(engine.decide(LedgerDecisionTest.call("m-3", "p-1", "MARKETING", LedgerDecisionTest.DAY1)));
      PolicyEvaluationException thrown = assertThrows(PolicyEvaluationException.class, () -> reserve(throwing, "m-4", "p-1"));
      assertInstanceOf(LedgerException.class, thrown.getCause());
      assertTrue(engine.decide(LedgerDecisionTest.call("m-5", "p-1", "MARKETING", LedgerDecisionTest.DAY1, List.of()))
          .isAllowed(), "a request that carries its history needs no ledger");

      server = Server.createTcpServer(args).start();
      assertTrue(reserve(engine, "m-6", "p-1").isAllowed(), "the same engine works again");
      assertEquals(List.of("m-1", "m-6"), ledger.entries("p-1", null).stream().map(ContactLedger.Entry::id).toList(),
          "nothing was recorded while the database was away");
    } finally {
      server.stop();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Stores.Kind.class, names = {"H2", "POSTGRESQL"})
  void aLockHeldPastTheTimeout_deniesThatPersonsCall_only(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind);
        PolicyEngine engine = LedgerDecisionTest.engine(ContactLedger.jdbc(store.pool(), TIMEOUT))) {
      assertTrue(reserve(engine, "m-1", "p-1").isAllowed());
      try (Connection holder = store.connect()) {
        holder.setAutoCommit(false);
        Stores.lock(kind, holder, "p-1");
        long start = System.nanoTime();
        assertFailedClosed(reserve(engine, "m-2", "p-1"));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "it gave up");
        assertTrue(reserve(engine, "m-3", "p-2").isAllowed(), "other people are not blocked");
        holder.rollback();
      }
      assertTrue(reserve(engine, "m-4", "p-1").isAllowed());
      assertEquals(List.of("m-1", "m-4"), engine.ledger().entries("p-1", null).stream().map(ContactLedger.Entry::id).toList());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Stores.Kind.class, names = {"H2", "POSTGRESQL"})
  void aPersonAtTheCap_isDeniedWithoutWaitingForTheirLock(Stores.Kind kind) throws Exception {
    try (Stores.Store store = Stores.open(kind);
        PolicyEngine engine = LedgerDecisionTest.engine(ContactLedger.jdbc(store.pool(), TIMEOUT))) {
      for (int i = 1; i <= 5; i++) {
        assertTrue(engine.decideAndRecord(LedgerDecisionTest.call("m-" + i, "p-1", "MARKETING",
            LedgerDecisionTest.DAY1.plusDays(i))).isAllowed());
      }
      try (Connection holder = store.connect()) {
        holder.setAutoCommit(false);
        Stores.lock(kind, holder, "p-1");
        // The cap denies from a read without the lock; a call that could pass still needs the lock.
        Decision denied = engine.decideAndRecord(LedgerDecisionTest.call("m-6", "p-1", "MARKETING",
            LedgerDecisionTest.DAY1.plusDays(6)));
        assertEquals(List.of("CN-DEMO-MONTHLY-CAP"), denied.ruleIds());
        assertFailedClosed(engine.decideAndRecord(LedgerDecisionTest.call("c-1", "p-1", "COLLECTION",
            LedgerDecisionTest.DAY1.plusDays(6))));
        holder.rollback();
      }
      assertEquals(5, engine.ledger().entries("p-1", null).size());
    }
  }

  @Test
  void connectionsKilledByTheServer_costNoDecision() throws Exception {
    try (Stores.Store store = Stores.open(Stores.Kind.POSTGRESQL); PolicyEngine engine = LedgerDecisionTest.engine(store.ledger())) {
      assertTrue(reserve(engine, "m-1", "p-1").isAllowed());
      try (Connection c = store.connect(); java.sql.ResultSet killed = c.createStatement().executeQuery(
          "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
              + "AND datname = current_database() AND application_name = 'PostgreSQL JDBC Driver'")) {
        killed.next();
        assertTrue(killed.getInt(1) >= 1, "the pool's connections were killed");
      }
      // Nothing of a transaction on a broken connection was committed, so the ledger tries another.
      Decision d = reserve(engine, "m-2", "p-1");
      assertTrue(d.isAllowed(), d.findings().toString());
      assertEquals(2, engine.ledger().entries("p-1", null).size());
    }
  }

  @Test
  void aDecisionThatFailsClosed_isLoggedWithItsIdsAndCause_notThePerson_andCounted() throws Exception {
    String subject = "subject-7f3a";
    try (Stores.Store store = Stores.open(Stores.Kind.H2);
        PolicyEngine engine = LedgerDecisionTest.engine(ContactLedger.jdbc(store.pool(), TIMEOUT))) {
      assertTrue(reserve(engine, "m-1", subject).isAllowed());
      assertEquals(0, engine.evaluationErrors());
      try (Connection holder = store.connect()) {
        holder.setAutoCommit(false);
        Stores.lock(Stores.Kind.H2, holder, subject);
        Decision[] failed = new Decision[1];
        String log = loggedBy(() -> failed[0] = reserve(engine, "m-2", subject));
        holder.rollback();
        assertFailedClosed(failed[0]);
        String first = log.lines().findFirst().orElse("");
        assertTrue(first.startsWith("WARN dev.tollgate.PolicyEngine - decision " + failed[0].decisionId()
            + " for call request m-2 failed closed with TOLLGATE-EVALUATION-ERROR: dev.tollgate.LedgerException: "), log);
        assertTrue(log.contains("\tat dev.tollgate."), "the cause's stack trace follows: " + log);
        assertFalse(log.contains(subject), "the person's subject is not logged: " + log);
        assertFalse(log.contains("Example"), "nor the caller's organization: " + log);
      }
      assertEquals(1, engine.evaluationErrors());
      assertTrue(reserve(engine, "m-3", "someone-else").isAllowed());
      assertEquals(1, engine.evaluationErrors(), "decisions that are made are not counted");
    }
  }

  @Test
  void anObservedLedger_reportsEachFailureWithItsOperation_andPassesItOn() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Server server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString(), "-ifNotExists").start();
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:tcp://localhost:" + port + "/observed;MODE=PostgreSQL");
    dataSource.setUser("sa");
    List<String> reported = new CopyOnWriteArrayList<>();
    ContactLedger ledger = ContactLedger.observed(ContactLedger.jdbc(dataSource, TIMEOUT), (operation, failure) -> {
      reported.add(operation);
      if (operation.equals("prune")) {
        throw new IllegalStateException("observer failed");
      }
    });
    try (PolicyEngine engine = LedgerDecisionTest.engine(ledger)) {
      assertTrue(reserve(engine, "m-1", "p-1").isAllowed());
      assertEquals(List.of(), reported);

      server.stop();
      assertFailedClosed(engine.decide(LedgerDecisionTest.call("m-2", "p-1", "MARKETING", LedgerDecisionTest.DAY1)));
      assertFailedClosed(reserve(engine, "m-3", "p-1"));
      assertThrows(LedgerException.class, () -> ledger.recordOutcome("m-1", CallRequest.Outcome.REFUSED));
      assertThrows(LedgerException.class, () -> ledger.record("p-1", "sms-1", new CallRequest.Contact(
          LedgerDecisionTest.DAY1, CallRequest.Purpose.MARKETING, null, null, CallRequest.Outcome.NO_ANSWER, CallRequest.Channel.SMS)));
      assertThrows(LedgerException.class, () -> ledger.entries("p-1", null));
      LedgerException pruning = assertThrows(LedgerException.class, engine::pruneLedger);
      assertEquals("observer failed", pruning.getSuppressed()[pruning.getSuppressed().length - 1].getMessage(),
          "the store's failure is thrown, the observer's kept beside it");
      assertEquals(List.of("entries", "entries", "recordOutcome", "record", "entries", "prune"), reported,
          "decide and decideAndRecord each failed at their first read");
    } finally {
      server.stop();
    }
  }

  /** What the action logged: the lines slf4j-simple, the sdk's test backend, added to its file (simplelogger.properties). */
  private static String loggedBy(Runnable action) throws IOException {
    Path file = Path.of("target/tollgate-test.log");
    long before = Files.exists(file) ? Files.size(file) : 0;
    action.run();
    byte[] all = Files.readAllBytes(file);
    return new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
  }

  @Test
  void aDatabaseThatCannotBeReached_isAClearErrorWhenTheLedgerIsOpened() {
    JdbcDataSource nowhere = new JdbcDataSource();
    nowhere.setURL("jdbc:h2:tcp://localhost:1/ledger");
    LedgerException e = assertThrows(LedgerException.class, () -> ContactLedger.jdbc(nowhere));
    assertTrue(e.getMessage().startsWith("cannot open the contact ledger: "), e.getMessage());
  }
}
