package dev.tollgate.server;

import static dev.tollgate.server.Client.example;
import static dev.tollgate.server.Client.json;
import static dev.tollgate.server.Client.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger database that goes away and comes back, through a TCP proxy the test cuts: decisions that need the
 * ledger are denied citing TOLLGATE-EVALUATION-ERROR, never allowed; readiness is false until it is back.
 */
class LedgerOutageTest {
  @TempDir
  Path dir;

  @Test
  void ledgerDown_deniesCitingEvaluationError_notReady_thenRecovers() throws Exception {
    Server h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString()).start();
    try (TcpProxy proxy = new TcpProxy(h2.getPort());
        DecisionServer server = DecisionServer.builder().port(0)
            // The database stays open while the network to it is cut, as a database server would.
            .ledgerUrl("jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/ledger;DB_CLOSE_DELAY=-1")
            .ledgerTimeout(Duration.ofSeconds(1))
            .start()) {
      Client client = new Client(server.uri(), null);
      assertEquals("ALLOW", json(client.postJson("/v1/reservations", call("o-1", "outage-1"))).get("decision").asText());
      assertEquals(200, client.get("/health/ready").statusCode());

      proxy.cut();
      JsonNode decided = json(client.postJson("/v1/decisions", call("o-2", "outage-2")));
      assertEquals("DENY", decided.get("decision").asText());
      assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), rules(decided));
      HttpResponse<String> reserved = client.postJson("/v1/reservations", call("o-3", "outage-3"));
      assertEquals(200, reserved.statusCode());
      assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), rules(json(reserved)));
      HttpResponse<String> outcome = client.postJson("/v1/calls/o-1/outcome", "{\"outcome\":\"NO_ANSWER\"}");
      assertEquals(503, outcome.statusCode());
      HttpResponse<String> ready = client.get("/health/ready");
      assertEquals(503, ready.statusCode());
      assertEquals("DOWN", json(ready).get("ledger").asText());
      String metrics = client.get("/metrics").body();
      assertTrue(metrics.contains("tollgate_ready 0.0"), metrics);
      assertTrue(!metrics.contains("tollgate_ledger_errors_total 0.0"), metrics);
      // A data share needs no ledger and is still decided.
      assertEquals(200, client.postJson("/v1/decisions", example("data-share-partly-necessary.json", "o-s")).statusCode());

      proxy.restore();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (client.get("/health/ready").statusCode() != 200) {
        assertTrue(System.nanoTime() < deadline, "not ready 30 s after the ledger came back");
        Thread.sleep(100);
      }
      // The reservation made before the outage still counts: the cap of one marketing call a day holds.
      assertEquals(List.of("CN-INST-MKT-FREQ-DAY"), rules(json(client.postJson("/v1/reservations", call("o-4", "outage-1")))));
      assertEquals("ALLOW", json(client.postJson("/v1/reservations", call("o-5", "outage-5"))).get("decision").asText());
      assertEquals(200, client.postJson("/v1/calls/o-1/outcome", "{\"outcome\":\"NO_ANSWER\"}").statusCode());
    } finally {
      h2.stop();
    }
  }

  private static String call(String id, String subject) {
    return example("marketing-call-consented.json", id).replace("cust-7f3a9c", subject);
  }
}
