package dev.tollgate.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Two CRM nodes, each with its own engine and connection pool, share one contact ledger in PostgreSQL.
 * Both try to call the same customer at the same moment: the daily cap lets exactly one through. The
 * customer refuses on that call; the next day the other node is told not to call again.
 *
 * <pre>
 * scripts/postgres start
 * mvn -q -pl examples -am package -DskipTests
 * java -cp "examples/target/classes:examples/target/lib/*" dev.tollgate.examples.TwoCrmNodes \
 *     'jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres'
 * </pre>
 */
public final class TwoCrmNodes {
  private TwoCrmNodes() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : System.getenv("TOLLGATE_PG_URL");
    if (url == null) {
      System.err.println("usage: TwoCrmNodes JDBC_URL (or set TOLLGATE_PG_URL)");
      System.exit(2);
    }
    String customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);
    try (HikariDataSource poolA = pool(url, "node-a"); HikariDataSource poolB = pool(url, "node-b");
        // Each node builds its engine once at start-up; the ledgers create or migrate the tables.
        PolicyEngine nodeA = PolicyEngine.builder().bundledPacks().ledger(ContactLedger.jdbc(poolA)).build();
        PolicyEngine nodeB = PolicyEngine.builder().bundledPacks().ledger(ContactLedger.jdbc(poolB)).build()) {
      System.out.println("customer " + customer);

      // Both nodes ask at once; decideAndRecord decides and records atomically.
      CompletableFuture<Decision> a = CompletableFuture.supplyAsync(
          () -> nodeA.decideAndRecord(call("node-a-0001", customer, "2026-03-02T10:30:00+08:00")));
      CompletableFuture<Decision> b = CompletableFuture.supplyAsync(
          () -> nodeB.decideAndRecord(call("node-b-0001", customer, "2026-03-02T10:30:00+08:00")));
      for (Decision d : List.of(a.get(), b.get())) {
        System.out.println(d.requestId() + " " + d.verdict() + " " + d.ruleIds());
      }

      // The node that placed the call records how it ended, by call id.
      String placed = a.get().isAllowed() ? "node-a-0001" : "node-b-0001";
      nodeA.ledger().recordOutcome(placed, CallRequest.Outcome.REFUSED);
      System.out.println(placed + " outcome REFUSED");

      Decision nextDay = nodeB.decideAndRecord(call("node-b-0002", customer, "2026-03-03T10:30:00+08:00"));
      System.out.println(nextDay.requestId() + " " + nextDay.verdict() + " " + nextDay.ruleIds());
    }
  }

  private static HikariDataSource pool(String url, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName(name);
    config.setMaximumPoolSize(4);
    // Fail a decision (a DENY) after 2 s rather than wait 30 s when the database is away.
    config.setConnectionTimeout(2_000);
    return new HikariDataSource(config);
  }

  private static CallRequest call(String id, String customer, String at) {
    return (CallRequest) Request.fromJson("""
        {"type": "call", "id": "%s", "at": "%s", "jurisdiction": "CN", "purpose": "MARKETING",
         "product": "consumer-loan", "voice": "HUMAN",
         "caller": {"organization": "Example Consumer Finance Co.", "licensed": true, "numberType": "FIXED",
                    "realNameRegistered": true},
         "callee": {"subject": "%s", "relationship": "CUSTOMER", "dataSource": "FIRST_PARTY",
                    "consent": {"marketingCalls": "GRANTED", "recordedAt": "2025-08-20T10:12:00+08:00"}}}
        """.formatted(id, at, customer));
  }
}
