package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecideAllTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(3);

  @TempDir
  Path dir;

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  /** 2,000 requests of seven kinds with their own ids, so an answer out of place shows. */
  private static List<Request> campaign() {
    List<Map<String, String>> kinds = List.of(
        Map.of(),
        Map.of("\"GRANTED\"", "\"REFUSED\""),
        Map.of("\"HUMAN\"", "\"AI_SYNTHETIC\"", "T10:00:00", "T23:00:00"),
        Map.of("\"MARKETING\"", "\"SERVICE\""),
        Map.of("\"FIRST_PARTY\"", "\"SCRAPED\"", "\"FIXED\"", "\"VIRTUAL_OPERATOR\""),
        Map.of("\"CN\"", "\"DE\""));
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      Map<String, String> replace = new java.util.HashMap<>(kinds.get(i % kinds.size()));
      replace.put("\"c-1\"", "\"c-" + i + "\"");
      requests.add(Request.fromJson(PolicyEngineTest.call("2025-0" + (1 + i % 9) + "-01", replace)));
    }
    return requests;
  }

  private static List<String> outcomes(List<Decision> decisions) {
    return decisions.stream().map(d -> d.requestId() + " " + d.verdict() + " " + d.ruleIds()).toList();
  }

  @Test
  void decideAll_onThreeThreadsAndTheCaller_givesEachRequestsDecisionInTheGivenOrder() {
    List<Request> requests = campaign();
    try (PolicyEngine engine = PolicyEngine.builder().packs(PolicyEngineTest.PACKS).build()) {
      List<String> one = outcomes(requests.stream().map(engine::decide).toList());
      assertTrue(one.stream().map(o -> o.substring(o.indexOf(' '))).distinct().count() >= 5, "the requests differ: " + one);
      for (int round = 0; round < 5; round++) {
        assertEquals(one, outcomes(engine.decideAll(requests, POOL)));
      }
    }
  }

  @Test
  void decideAll_withAnExecutorThatRunsNothingOrRefuses_isDecidedByTheCallingThread() {
    List<Request> requests = campaign().subList(0, 300);
    try (PolicyEngine engine = PolicyEngine.builder().packs(PolicyEngineTest.PACKS).build()) {
      List<String> one = outcomes(requests.stream().map(engine::decide).toList());
      assertEquals(one, outcomes(engine.decideAll(requests, task -> { })), "tasks dropped");
      assertEquals(one, outcomes(engine.decideAll(requests, task -> {
        throw new RejectedExecutionException("full");
      })), "tasks refused");
      assertEquals(one, outcomes(engine.decideAll(requests, Runnable::run)), "on the calling thread");
      assertEquals(List.of(), engine.decideAll(List.of(), POOL));
    }
  }

  @Test
  void decideAll_calledFromThePoolItUses_finishes() throws Exception {
    List<Request> requests = campaign().subList(0, 500);
    ExecutorService single = Executors.newSingleThreadExecutor();
    try (PolicyEngine engine = PolicyEngine.builder().packs(PolicyEngineTest.PACKS).build()) {
      List<String> one = outcomes(requests.stream().map(engine::decide).toList());
      // The pool's only thread is busy with this very call, so none of its own tasks can start until it ends.
      assertEquals(one, outcomes(single.submit(() -> engine.decideAll(requests, single)).get()));
    } finally {
      single.shutdown();
    }
  }

  @Test
  void decideAll_aRequestThatFails_isADenyOfItsOwn_andTheOthersAreDecided() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Server server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString(), "-ifNotExists").start();
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:tcp://localhost:" + port + "/ledger;MODE=PostgreSQL");
    dataSource.setUser("sa");
    ContactLedger ledger = ContactLedger.jdbc(dataSource, Duration.ofSeconds(1));
    server.stop();
    // Calls with their own history need no ledger; the others read the ledger, whose server is gone.
    List<CallRequest> requests = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      requests.add(ledgerCall("b-" + i, i % 4 == 1 ? null : List.of()));
    }
    try (PolicyEngine engine = PolicyEngine.builder().packs(Path.of("src/test/resources/ledger-packs")).ledger(ledger).build();
        PolicyEngine throwing = PolicyEngine.builder().packs(Path.of("src/test/resources/ledger-packs")).ledger(ledger)
            .onError(PolicyEngine.OnError.THROW).build()) {
      List<Decision> all = engine.decideAll(requests, POOL);
      for (int i = 0; i < requests.size(); i++) {
        Decision d = all.get(i);
        assertEquals("b-" + i, d.requestId());
        assertEquals(i % 4 == 1 ? List.of("TOLLGATE-EVALUATION-ERROR") : List.of(), d.ruleIds(), d.toString());
      }
      assertEquals(10, engine.evaluationErrors());

      PolicyEvaluationException e = assertThrows(PolicyEvaluationException.class, () -> throwing.decideAll(requests, POOL));
      assertEquals("could not decide request b-1", e.getMessage(), "the first failure in list order");
      assertEquals(10, throwing.evaluationErrors(), "every request was still tried");
    }
  }

  @Test
  void decideAll_aNullRequest_isRefusedNamingItsIndex() {
    try (PolicyEngine engine = PolicyEngine.builder().packs(PolicyEngineTest.PACKS).build()) {
      List<Request> requests = new ArrayList<>(campaign().subList(0, 3));
      requests.add(1, null);
      NullPointerException e = assertThrows(NullPointerException.class, () -> engine.decideAll(requests, POOL));
      assertEquals("requests[1] is null", e.getMessage());
    }
  }

  private static CallRequest ledgerCall(String id, List<CallRequest.Contact> history) {
    CallRequest c = (CallRequest) Request.fromJson("""
        {"type": "call", "id": "%s", "at": "2026-03-01T10:00:00+08:00", "jurisdiction": "CN", "purpose": "MARKETING",
         "voice": "HUMAN", "caller": {"organization": "Example Bank"},
         "callee": {"subject": "p-1", "timeZone": "Asia/Shanghai"}}
        """.formatted(id));
    return new CallRequest(c.id(), c.at(), c.jurisdiction(), c.purpose(), c.product(), c.voice(), c.interactive(),
        c.aiLabel(), c.caller(), c.callee(), c.debt(), c.script(), history);
  }
}
