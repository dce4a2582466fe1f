package dev.tollgate.server;

import static dev.tollgate.server.Client.example;
import static dev.tollgate.server.Client.json;
import static dev.tollgate.server.Client.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of a real server on a free port, over real sockets, without tokens. */
class DecisionServerTest {
  @TempDir
  static Path data;
  static DecisionServer server;
  static Client client;

  @BeforeAll
  static void start() {
    server = DecisionServer.builder().port(0).dataDir(data).start();
    client = new Client(server.uri(), null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void decisions_deniedCall_is200WithTheDecisionAndItsRules() {
    HttpResponse<String> r = client.postJson("/v1/decisions", example("marketing-call-no-consent.json", "d-1"));
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    JsonNode d = json(r);
    assertEquals("DENY", d.get("decision").asText());
    assertEquals("d-1", d.get("id").asText());
    assertTrue(rules(d).contains("CN-CONSUMER-COMMERCIAL-CONSENT"), rules(d).toString());
  }

  @Test
  void decisions_consentedCall_isAllowed() {
    JsonNode d = json(client.postJson("/v1/decisions", example("marketing-call-consented.json", "d-2")));
    assertEquals("ALLOW", d.get("decision").asText());
    assertEquals(List.of(), rules(d));
  }

  @Test
  void decisions_contractViolation_is400WithTheInvalidRequestDenyNamingThePath() {
    String bad = example("marketing-call-consented.json", "d-3").replace("\"MARKETING\"", "\"SALES\"");
    HttpResponse<String> r = client.postJson("/v1/decisions", bad);
    assertEquals(400, r.statusCode());
    JsonNode d = json(r);
    assertEquals("DENY", d.get("decision").asText());
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), rules(d));
    assertTrue(d.at("/findings/0/message/en").asText().contains("$.purpose"), d.toString());
  }

  @Test
  void batch_decidesEachLineOnItsOwn_aBadLineDoesNotStopTheRest() {
    String body = example("marketing-call-no-consent.json", "b-1").replace("\n", "") + "\n"
        + "\n"
        + "{\"type\":\"call\",\"id\":\"b-2\"}\n"
        + example("marketing-call-consented.json", "b-3").replace("\n", "") + "\n";
    HttpResponse<String> r = client.post("/v1/decisions/batch", "application/x-ndjson", body);
    assertEquals(200, r.statusCode());
    List<JsonNode> lines = new ArrayList<>();
    r.body().lines().forEach(l -> lines.add(Client.json(l)));
    assertEquals(3, lines.size(), r.body());
    assertEquals("DENY", lines.get(0).get("decision").asText());
    assertEquals("b-1", lines.get(0).get("id").asText());
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), rules(lines.get(1)));
    assertEquals("ALLOW", lines.get(2).get("decision").asText());
    assertEquals("b-3", lines.get(2).get("id").asText());
  }

  @Test
  void reservations_recordAllowedCalls_untilTheCapDenies_andOutcomesAreRecorded() {
    String subject = "res-subject-1";
    JsonNode first = json(client.postJson("/v1/reservations", call("r-1", subject)));
    assertEquals("ALLOW", first.get("decision").asText());
    JsonNode second = json(client.postJson("/v1/reservations", call("r-2", subject)));
    assertEquals(List.of("CN-INST-MKT-FREQ-DAY"), rules(second));
    // A retry of the first reservation is not counted against itself.
    assertEquals("ALLOW", json(client.postJson("/v1/reservations", call("r-1", subject))).get("decision").asText());

    HttpResponse<String> outcome = client.postJson("/v1/calls/r-1/outcome", "{\"outcome\":\"REFUSED\"}");
    assertEquals(200, outcome.statusCode());
    assertEquals("{\"id\":\"r-1\",\"outcome\":\"REFUSED\",\"recorded\":true}", outcome.body());
    JsonNode third = json(client.postJson("/v1/reservations", call("r-3", subject)));
    assertTrue(rules(third).contains("CN-CONSUMER-COMMERCIAL-REFUSED"), rules(third).toString());
  }

  @Test
  void reservations_historyInTheRequest_is400InvalidRequest() {
    String withHistory = example("collection-call-late.json", "r-h");
    HttpResponse<String> r = client.postJson("/v1/reservations", withHistory);
    assertEquals(400, r.statusCode());
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), rules(json(r)));
  }

  @Test
  void reservations_dataShare_is400Error() {
    HttpResponse<String> r = client.postJson("/v1/reservations", example("data-share-partly-necessary.json", "r-s"));
    assertEquals(400, r.statusCode());
    assertFalse(r.body().contains("\"decision\""), r.body());
    assertEquals(400, json(r).at("/error/status").asInt());
  }

  @Test
  void outcome_unknownCall_is404_andBadBodies_are400() {
    assertEquals(404, client.postJson("/v1/calls/never-reserved/outcome", "{\"outcome\":\"NO_ANSWER\"}").statusCode());
    HttpResponse<String> badOutcome = client.postJson("/v1/calls/x/outcome", "{\"outcome\":\"HUNG_UP\"}");
    assertEquals(400, badOutcome.statusCode());
    assertTrue(badOutcome.body().contains("$.outcome"), badOutcome.body());
    HttpResponse<String> extra = client.postJson("/v1/calls/x/outcome", "{\"outcome\":\"NO_ANSWER\",\"note\":1}");
    assertEquals(400, extra.statusCode());
    assertTrue(extra.body().contains("$.note"), extra.body());
    assertEquals(400, client.postJson("/v1/calls/x/outcome", "[").statusCode());
  }

  @Test
  void packs_listsEveryLoadedPackWithDigestAndEffectiveDates() {
    HttpResponse<String> r = client.get("/v1/packs");
    assertEquals(200, r.statusCode());
    JsonNode packs = json(r).get("packs");
    assertTrue(packs.size() > 0);
    boolean found = false;
    for (JsonNode p : packs) {
      assertTrue(p.get("digest").asText().matches("sha256:[0-9a-f]{64}"), p.toString());
      if (p.get("id").asText().equals("cn-aigc-labeling")) {
        found = true;
        assertTrue(p.at("/effective/from").isTextual(), p.toString());
      }
    }
    assertTrue(found, packs.toString());
  }

  @Test
  void health_liveAndReady() {
    assertEquals("{\"status\":\"UP\"}", client.get("/health/live").body());
    HttpResponse<String> ready = client.get("/health/ready");
    assertEquals(200, ready.statusCode());
    assertEquals("UP", json(ready).get("ledger").asText());
  }

  @Test
  void metrics_countDecisionsByResultAndRule_rejectionsAndLatency() {
    client.postJson("/v1/decisions", example("marketing-call-no-consent.json", "m-1"));
    client.get("/no-such-endpoint");
    String metrics = client.get("/metrics").body();
    assertTrue(metrics.contains("tollgate_decisions_total{endpoint=\"decisions\",result=\"DENY\"}"), metrics);
    assertTrue(metrics.contains("tollgate_findings_total{effect=\"DENY\",rule=\"CN-CONSUMER-COMMERCIAL-CONSENT\"}"), metrics);
    assertTrue(metrics.contains("tollgate_decision_latency_seconds_bucket{endpoint=\"decisions\",le="), metrics);
    assertTrue(metrics.contains("tollgate_requests_rejected_total{status=\"404\"}"), metrics);
    assertTrue(metrics.contains("tollgate_ledger_errors_total 0.0"), metrics);
  }

  @Test
  void unknownPath_is404_wrongMethod_is405_wrongContentType_is415() {
    assertEquals(404, client.get("/v2/decisions").statusCode());
    HttpResponse<String> get = client.get("/v1/decisions");
    assertEquals(405, get.statusCode());
    assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
    String call = example("marketing-call-consented.json", "t-1");
    assertEquals(415, client.post("/v1/decisions", "text/plain", call).statusCode());
    assertEquals(415, client.post("/v1/decisions", "application/json; charset=iso-8859-1", call).statusCode());
    assertEquals(200, client.post("/v1/decisions", "application/json; charset=UTF-8", call).statusCode());
    assertEquals(415, client.post("/v1/decisions/batch", "application/json", call).statusCode());
  }

  @Test
  void oversizedBody_is413_fromItsDeclaredLength_beforeItIsSent() throws java.io.IOException {
    // Only the headers are sent: the server must answer from Content-Length alone, without reading a byte.
    try (java.net.Socket s = new java.net.Socket(server.uri().getHost(), server.uri().getPort())) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(("POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (2 << 20) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String response = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 413 "), response);
      assertTrue(response.endsWith("{\"error\":{\"status\":413,\"message\":\"the request body is over 1048576 bytes\"}}"),
          response);
    }
  }

  private static String call(String id, String subject) {
    return example("marketing-call-consented.json", id).replace("cust-7f3a9c", subject);
  }
}
