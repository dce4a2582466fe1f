package dev.tollgate.ledger;

import static dev.tollgate.ledger.LedgerDecisionTest.DAY1;
import static dev.tollgate.ledger.LedgerDecisionTest.PACKS;
import static dev.tollgate.ledger.LedgerDecisionTest.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.DecisionListener;
import dev.tollgate.PolicyEngine;
import dev.tollgate.PolicyEvaluationException;
import dev.tollgate.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an engine tells its listeners, and what a failing listener does to the decision. */
class DecisionListenerTest {
  record Seen(Request request, Decision decision, long nanos) {}

  static final class Recorder implements DecisionListener {
    final List<Seen> seen = new ArrayList<>();

    @Override
    public void decided(Request request, Decision decision, long nanos) {
      seen.add(new Seen(request, decision, nanos));
    }
  }

  @Test
  void everyWayOfDeciding_tellsTheListener_theRequestAsDecided_soItCanBeReplayed() {
    Recorder recorder = new Recorder();
    try (PolicyEngine engine = PolicyEngine.builder().packs(PACKS).listener(recorder).build()) {
      for (int i = 1; i <= 6; i++) {
        engine.decideAndRecord(call("m-" + i, "p-1", "MARKETING", DAY1.plusDays(i)));
      }
      Decision sixth = recorder.seen.get(5).decision();
      assertEquals(List.of("CN-DEMO-MONTHLY-CAP"), sixth.ruleIds());
      CallRequest asDecided = (CallRequest) recorder.seen.get(5).request();
      assertEquals(5, asDecided.history().size(), "the five recorded calls, as the ledger supplied them");

      Decision decided = engine.decide(call("m-7", "p-1", "MARKETING", DAY1.plusDays(7)));
      Decision json = engine.decideJson("{\"type\": \"call\", \"id\": 7}");
      assertEquals(8, recorder.seen.size(), "one per decision");
      assertSame(decided, recorder.seen.get(6).decision());
      assertEquals(5, ((CallRequest) recorder.seen.get(6).request()).history().size());
      assertSame(json, recorder.seen.get(7).decision());
      assertNull(recorder.seen.get(7).request(), "JSON that is no request");
      assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), json.ruleIds());

      // an engine without a ledger decides the request as the listener saw it the same way
      try (PolicyEngine replay = PolicyEngine.builder().packs(PACKS).build()) {
        for (Seen s : recorder.seen.subList(0, 7)) {
          Decision again = replay.decide(s.request());
          assertEquals(s.decision().verdict(), again.verdict(), s.request().id());
          assertEquals(s.decision().ruleIds(), again.ruleIds(), s.request().id());
        }
      }
      assertTrue(recorder.seen.stream().allMatch(s -> s.nanos() > 0), "each decision's time");
    }
  }

  @Test
  void listeners_areToldInTheOrderAdded() {
    List<String> order = new ArrayList<>();
    try (PolicyEngine engine = PolicyEngine.builder().packs(PACKS)
        .listener((r, d, n) -> order.add("first"))
        .listener((r, d, n) -> order.add("second"))
        .build()) {
      engine.decide(call("m-1", "p-1", "MARKETING", DAY1));
    }
    assertEquals(List.of("first", "second"), order);
  }

  @Test
  void aListenerThatThrows_turnsAnAllowIntoADeny_andTheOthersStillSeeTheAllow() {
    Recorder after = new Recorder();
    try (PolicyEngine engine = PolicyEngine.builder().packs(PACKS)
        .listener((r, d, n) -> {
          throw new IllegalStateException("log full");
        })
        .listener(after)
        .build()) {
      Decision d = engine.decide(call("m-1", "p-1", "MARKETING", DAY1));
      assertEquals(Decision.Verdict.DENY, d.verdict());
      assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), d.ruleIds());
      assertEquals("m-1", d.requestId());
      assertEquals(Decision.Verdict.ALLOW, after.seen.get(0).decision().verdict());

      Decision json = engine.decideJson("not json");
      assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), json.ruleIds());
    }
  }

  @Test
  void aListenerThatThrows_onAnEngineThatThrows_throws() {
    try (PolicyEngine engine = PolicyEngine.builder().packs(PACKS).onError(PolicyEngine.OnError.THROW)
        .listener((r, d, n) -> {
          throw new IllegalStateException("log full");
        })
        .ledger(ContactLedger.inMemory())
        .build()) {
      PolicyEvaluationException e = assertThrows(PolicyEvaluationException.class,
          () -> engine.decideAndRecord(call("m-1", "p-1", "MARKETING", DAY1)));
      assertEquals("log full", e.getCause().getMessage());
    }
  }
}
