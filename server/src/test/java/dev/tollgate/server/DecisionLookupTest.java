package dev.tollgate.server;

import static dev.tollgate.server.Client.example;
import static dev.tollgate.server.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.decisionlog.DecisionLog;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /v1/decisions/{id} on a real server with a decision log, behind bearer tokens. */
class DecisionLookupTest {
  @TempDir
  static Path dir;
  static DecisionServer server;
  static Client client;

  @BeforeAll
  static void start() throws Exception {
    Path mask = dir.resolve("mask.key");
    Files.write(mask, new byte[32]);
    Path tokens = Files.writeString(dir.resolve("tokens.txt"), "secret-token-0123456789\n");
    server = DecisionServer.builder().port(0).dataDir(dir.resolve("data")).tokenFile(tokens)
        .decisionLog(DecisionLog.toFolder(dir.resolve("decisions")).maskingKey(mask).build()).start();
    client = new Client(server.uri(), "secret-token-0123456789");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void lookup_loggedDecision_returnsItsEntryWithTheSubjectMasked() {
    JsonNode decided = json(client.postJson("/v1/decisions", example("marketing-call-no-consent.json", "look-1")));
    String id = decided.get("decisionId").asText();
    HttpResponse<String> r = client.get("/v1/decisions/" + id);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode entry = json(r);
    assertEquals(decided, entry.get("decision"));
    assertTrue(entry.at("/request/callee/subject").asText().startsWith("hmac-sha256:"), r.body());
    assertTrue(entry.get("hash").asText().startsWith("sha256:"));
  }

  @Test
  void lookup_unknownId_is404_badId_is400_noToken_is401() {
    HttpResponse<String> unknown = client.get("/v1/decisions/0193f0c2-0000-7000-8000-000000000000");
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("no decision 0193f0c2-0000-7000-8000-000000000000 in the decision log"), unknown.body());
    assertEquals(400, client.get("/v1/decisions/a%20b").statusCode());
    assertEquals(401, client.withToken(null).get("/v1/decisions/x").statusCode());
    assertEquals(405, client.postJson("/v1/decisions/x", "{}").statusCode());
  }

  @Test
  void lookup_serverWithoutLog_is404SayingSo() {
    try (DecisionServer bare = DecisionServer.builder().port(0).dataDir(dir.resolve("bare")).start()) {
      HttpResponse<String> r = new Client(bare.uri(), null).get("/v1/decisions/x");
      assertEquals(404, r.statusCode());
      assertTrue(r.body().contains("keeps no decision log"), r.body());
      assertFalse(r.body().contains("exception"));
    }
  }
}
