package dev.tollgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL ledger behind a {@link TcpProxy}: a server that stops answering, connections dropped as by
 * a restart, and a commit whose acknowledgement is lost. The shared server itself is never touched.
 */
class LedgerNetworkFailureTest {
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  Stores.Store store;
  TcpProxy proxy;
  HikariDataSource pool;
  PolicyEngine engine;

  @BeforeEach
  void start() throws Exception {
    store = Stores.open(Stores.Kind.POSTGRESQL);
    Matcher server = Pattern.compile("//([^:/]+):(\\d+)/").matcher(store.url());
    assertTrue(server.find(), store.url());
    proxy = new TcpProxy(server.group(1), Integer.parseInt(server.group(2)));
    HikariConfig config = new HikariConfig();
    // As the README advises: the driver's connect and login timeouts and the pool's acquisition timeout
    // well under the ledger's; prepareThreshold=0 keeps every statement's text on the wire for the proxy.
    config.setJdbcUrl(server.replaceFirst("//127.0.0.1:" + proxy.port() + "/")
        + "&connectTimeout=1&loginTimeout=1&prepareThreshold=0");
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(500);
    config.setValidationTimeout(250);
    pool = new HikariDataSource(config);
    engine = LedgerDecisionTest.engine(ContactLedger.jdbc(pool, TIMEOUT));
  }

  @AfterEach
  void stop() throws Exception {
    // Without PostgreSQL the test is skipped before anything was opened.
    if (engine != null) {
      engine.close();
      pool.close();
      proxy.close();
      store.close();
    }
  }

  static CallRequest call(String id, String subject) {
    return LedgerDecisionTest.call(id, subject, "MARKETING", LedgerDecisionTest.DAY1);
  }

  @Test
  void aServerThatStopsAnswering_deniesEveryDecisionWithinTheTimeout_andTheNextOneAfterItReturnsPasses()
      throws Exception {
    for (int i = 0; i < 20; i++) {
      assertTrue(engine.decideAndRecord(call("before-" + i, "p-" + i)).isAllowed());
    }
    proxy.blackhole(true);
    AtomicLong worst = new AtomicLong();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    long until = System.nanoTime() + Duration.ofSeconds(7).toNanos();
    for (int t = 0; t < 3; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        for (int i = 0; System.nanoTime() < until; i++) {
          try {
            long start = System.nanoTime();
            Decision d = i % 3 == 2 ? engine.decide(call("read-" + thread + "-" + i, "q-" + thread))
                : engine.decideAndRecord(call("during-" + thread + "-" + i, "q-" + thread));
            long took = System.nanoTime() - start;
            worst.accumulateAndGet(took, Math::max);
            LedgerFailureTest.assertFailedClosed(d);
            // Bounded, not hanging: the slack is for two cores shared by three deciders, the proxy and GC.
            assertTrue(took < TIMEOUT.plusSeconds(2).toNanos(), "decided in " + took / 1_000_000 + " ms");
          } catch (Throwable e) {
            failures.add(e);
            return;
          }
        }
      });
      worker.start();
      threads.add(worker);
    }
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(15).toMillis());
    }
    proxy.blackhole(false);
    assertTrue(threads.stream().noneMatch(Thread::isAlive), "a decision waited on the silent server for over 8 s");
    System.out.printf("ledger timeout %d ms, server not answering: slowest decision %d ms%n", TIMEOUT.toMillis(),
        worst.get() / 1_000_000);
    assertEquals(List.of(), List.copyOf(failures));
    assertTrue(engine.decideAndRecord(call("after-1", "q-0")).isAllowed(), "the first decision after it is back");
    assertEquals(List.of("after-1"), engine.ledger().entries("q-0", null).stream().map(ContactLedger.Entry::id).toList(),
        "nothing was recorded while the server did not answer");
  }

  @Test
  void connectionsDroppedAsByARestart_costNoDecision() {
    assertTrue(engine.decideAndRecord(call("m-1", "p-1")).isAllowed());
    proxy.dropAll();
    Decision next = engine.decideAndRecord(call("m-2", "p-2"));
    assertTrue(next.isAllowed(), next.findings().toString());
    assertEquals(1, engine.ledger().entries("p-2", null).size());
  }

  @Test
  void aCommitWhoseAnswerIsLost_saysTheCallMayBeRecorded_andARetryOfTheSameIdTellsWhich() throws InterruptedException {
    proxy.loseNextCommitAnswer();
    CallRequest request = call("m-1", "p-1");
    Decision lost = engine.decideAndRecord(request);
    LedgerFailureTest.assertFailedClosed(lost);
    String message = lost.findings().get(0).message().en();
    assertTrue(message.contains("may have been recorded"), message);
    // The server commits on its own time once the answer is cut: read until it has, for a few seconds.
    List<String> recorded = List.of();
    for (long until = System.nanoTime() + 5_000_000_000L; System.nanoTime() < until; Thread.sleep(20)) {
      recorded = engine.ledger().entries("p-1", null).stream().map(ContactLedger.Entry::id).toList();
      if (!recorded.isEmpty()) {
        break;
      }
    }
    assertEquals(List.of("m-1"), recorded, "the commit reached the server");
    Decision retry = engine.decideAndRecord(request);
    assertTrue(retry.isAllowed(), retry.toString());
    assertEquals(1, engine.ledger().entries("p-1", null).size(), "the retry recorded nothing twice");
  }
}
