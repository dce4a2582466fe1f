package dev.tollgate.examples.springcrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.PolicyEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The CRM on a random port, driven over real HTTP: calls decided before dialing, health and Prometheus meters. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrmApplicationTest {
  static final Path REQUESTS = Path.of("../requests");

  @LocalServerPort
  int port;
  @Autowired
  ApplicationContext context;

  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCall_isDecidedBeforeDialing_itsOutcomeRecorded_andTheMetersServed() throws Exception {
    HttpResponse<String> allowed = post("/calls", Files.readString(REQUESTS.resolve("marketing-call-consented.json")));
    assertEquals(200, allowed.statusCode(), allowed.body());
    assertTrue(allowed.body().startsWith("{\"outcome\":\"CONVERSATION\",\"decision\":{"), allowed.body());
    assertTrue(allowed.body().contains("\"decision\":\"ALLOW\""), allowed.body());

    PolicyEngine engine = context.getBean(PolicyEngine.class);
    List<ContactLedger.Entry> recorded = engine.ledger().entries("cust-7f3a9c", null);
    assertEquals(1, recorded.size());
    assertEquals("crm-call-0002", recorded.get(0).id());
    assertEquals(CallRequest.Outcome.CONVERSATION, recorded.get(0).outcome(), "the dialer's outcome, in the ledger");

    HttpResponse<String> denied = post("/calls", Files.readString(REQUESTS.resolve("marketing-call-no-consent.json")));
    assertEquals(403, denied.statusCode(), denied.body());
    assertTrue(denied.body().contains("\"rule\":\"CN-CONSUMER-COMMERCIAL-CONSENT\""), denied.body());

    HttpResponse<String> invalid = post("/calls", "{\"type\": \"call\", \"id\": \"x-1\"}");
    assertEquals(400, invalid.statusCode(), invalid.body());
    assertTrue(invalid.body().contains("TOLLGATE-INVALID-REQUEST"), invalid.body());

    HttpResponse<String> health = get("/actuator/health");
    assertEquals(200, health.statusCode(), health.body());
    JsonNode tollgate = new ObjectMapper().readTree(health.body()).path("components").path("tollgate");
    assertEquals("UP", tollgate.path("status").asText(), health.body());
    assertEquals("reachable", tollgate.path("details").path("ledger").asText(), health.body());
    assertTrue(tollgate.path("details").path("packs").toString().contains("cn-fin-marketing-calls@1.0.0"), health.body());

    HttpResponse<String> prometheus = get("/actuator/prometheus");
    assertEquals(200, prometheus.statusCode());
    String meters = prometheus.body();
    assertTrue(Pattern.compile("(?m)^tollgate_decisions_seconds_count\\{decision=\"ALLOW\",?} 1(\\.0)?$").matcher(meters).find(), meters);
    assertTrue(Pattern.compile("(?m)^tollgate_decisions_seconds_count\\{decision=\"DENY\",?} 2(\\.0)?$").matcher(meters).find(), meters);
    assertTrue(Pattern.compile("(?m)^tollgate_rule_matches_total\\{rule=\"CN-CONSUMER-COMMERCIAL-CONSENT\",?} 1(\\.0)?$")
        .matcher(meters).find(), meters);
    assertTrue(Pattern.compile("(?m)^tollgate_ledger_errors_total\\{operation=\"reserve\",?} 0(\\.0)?$").matcher(meters).find(), meters);
  }

  @Test
  void theEngine_isTheStartersOneBean() {
    assertSame(context.getBean(PolicyEngine.class), context.getBean(PolicyEngine.class));
    assertEquals(1, context.getBeansOfType(PolicyEngine.class).size());
  }
}
