package dev.tollgate.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.LedgerException;
import dev.tollgate.PolicyEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The meters an engine's decisions and its ledger's failures feed, on the bundled packs and a real H2 ledger. */
class TollgateMetricsTest {
  static final Path REQUESTS = Path.of("../examples/requests");

  static String request(String name) throws Exception {
    return Files.readString(REQUESTS.resolve(name));
  }

  @Test
  void decisions_areTimedByVerdict_andCountedByRule() throws Exception {
    TollgateMetrics metrics = new TollgateMetrics();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().listener(metrics).build()) {
      engine.decideJson(request("marketing-call-consented.json"));
      metrics.bindTo(registry);
      Decision allowed = engine.decideJson(request("marketing-call-consented.json"));
      Decision denied = engine.decideJson(request("marketing-call-no-consent.json"));
      engine.decideJson(request("marketing-call-no-consent.json"));
      engine.decideJson("{");

      assertEquals(Decision.Verdict.ALLOW, allowed.verdict());
      assertEquals(1, registry.get("tollgate.decisions").tag("decision", "ALLOW").timer().count(),
          "the decision before binding is not counted");
      assertEquals(3, registry.get("tollgate.decisions").tag("decision", "DENY").timer().count());
      assertTrue(denied.ruleIds().contains("CN-CONSUMER-COMMERCIAL-CONSENT"), denied.ruleIds().toString());
      assertEquals(2, registry.get("tollgate.rule.matches").tag("rule", "CN-CONSUMER-COMMERCIAL-CONSENT").counter().count());
      assertEquals(1, registry.get("tollgate.rule.matches").tag("rule", "TOLLGATE-INVALID-REQUEST").counter().count());
      double total = registry.get("tollgate.decisions").timers().stream()
          .mapToDouble(t -> t.totalTime(TimeUnit.NANOSECONDS)).sum();
      assertTrue(total > 0, "the decisions' time is recorded");
    }
  }

  @Test
  void ledgerFailures_areCountedByOperation_andTheDecisionIsADeny() throws Exception {
    TollgateMetrics metrics = new TollgateMetrics();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:metrics-ledger;DB_CLOSE_DELAY=-1");
    ContactLedger ledger = metrics.ledger(ContactLedger.jdbc(h2));
    try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().ledger(ledger).listener(metrics).build()) {
      CallRequest call = (CallRequest) dev.tollgate.Request.fromJson(request("marketing-call-consented.json"));
      assertEquals(Decision.Verdict.ALLOW, engine.decideAndRecord(call).verdict());
      assertEquals(0, registry.get("tollgate.ledger.errors").tag("operation", "reserve").counter().count());

      // The database goes away; the next connection finds an empty one without the ledger's tables.
      try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
      Decision d = engine.decideAndRecord(call);
      assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), d.ruleIds());
      assertThrows(LedgerException.class, () -> ledger.recordOutcome(call.id(), CallRequest.Outcome.NO_ANSWER));
      assertEquals(1, registry.get("tollgate.ledger.errors").tag("operation", "entries").counter().count());
      assertEquals(1, registry.get("tollgate.ledger.errors").tag("operation", "recordOutcome").counter().count());
      assertEquals(1, registry.get("tollgate.rule.matches").tag("rule", "TOLLGATE-EVALUATION-ERROR").counter().count());
    }
  }
}
