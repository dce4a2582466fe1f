package dev.tollgate.server;

import static dev.tollgate.server.Client.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real answers of a running server, one or more per documented response, validated with networknt's JSON
 * Schema 2020-12 validator (OpenAPI 3.1's dialect) against the schema that /openapi.json gives for their path,
 * method, status and content type.
 */
class OpenApiTest {
  private static final String DOCUMENT = "classpath:" + OpenApi.RESOURCE.substring(1);
  private static final String TOKEN = "openapi-test-token-0123";
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  @TempDir
  static Path dir;
  static DecisionServer server;
  static Client client;
  static JsonNode document;

  @BeforeAll
  static void start() throws Exception {
    Path tokens = Files.writeString(dir.resolve("tokens"), TOKEN + "\n");
    Path mask = Files.write(dir.resolve("mask.key"), new byte[32]);
    server = DecisionServer.builder().port(0).dataDir(dir.resolve("data")).tokenFile(tokens).maxBodyBytes(4096)
        .decisionLog(dev.tollgate.decisionlog.DecisionLog.toFolder(dir.resolve("decisions")).maskingKey(mask).build()).start();
    client = new Client(server.uri(), TOKEN);
    document = Client.json(client.get("/openapi.json"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void document_isOpenApi31_andTheServedCopyIsTheResource() throws Exception {
    assertEquals("3.1.0", document.get("openapi").asText());
    try (var in = OpenApi.class.getResourceAsStream(OpenApi.RESOURCE)) {
      assertEquals(Client.JSON.readTree(in), document);
    }
  }

  @Test
  void decisions() {
    conforms("/v1/decisions", "post", client.postJson("/v1/decisions", example("marketing-call-no-consent.json", "o-1")));
    conforms("/v1/decisions", "post", client.postJson("/v1/decisions", example("marketing-call-consented.json", "o-2")));
    conforms("/v1/decisions", "post", client.postJson("/v1/decisions", example("data-share-partly-necessary.json", "o-3")));
    conforms("/v1/decisions", "post", client.postJson("/v1/decisions", "{\"type\":\"call\",\"id\":\"o-4\"}"));
    conforms("/v1/decisions", "post", client.post("/v1/decisions", "text/plain", "{}"));
    conforms("/v1/decisions", "post", client.postJson("/v1/decisions", " ".repeat(5000)));
    conforms("/v1/decisions", "post", client.withToken(null).postJson("/v1/decisions", "{}"));
    conforms("/v1/decisions", "get", "post", client.get("/v1/decisions"));
  }

  @Test
  void batch() {
    HttpResponse<String> r = client.post("/v1/decisions/batch", "application/x-ndjson",
        example("marketing-call-no-consent.json", "ob-1").replace("\n", "") + "\n{\"type\":\"call\"}\n" + "x".repeat(5000) + "\n");
    conforms("/v1/decisions/batch", "post", r);
    assertEquals(3, r.body().lines().count());
  }

  @Test
  void decisionLookup() {
    String id = Client.json(client.postJson("/v1/decisions", example("marketing-call-consented.json", "ol-1"))).get("decisionId").asText();
    conforms("/v1/decisions/{id}", "get", client.get("/v1/decisions/" + id));
    conforms("/v1/decisions/{id}", "get", client.get("/v1/decisions/not-logged"));
    conforms("/v1/decisions/{id}", "get", client.get("/v1/decisions/a%20b"));
    conforms("/v1/decisions/{id}", "get", client.withToken(null).get("/v1/decisions/" + id));
  }

  @Test
  void reservationsAndOutcomes() {
    String call = example("marketing-call-consented.json", "or-1").replace("cust-7f3a9c", "openapi-subject");
    conforms("/v1/reservations", "post", client.postJson("/v1/reservations", call));
    conforms("/v1/reservations", "post", client.postJson("/v1/reservations", example("collection-call-late.json", "or-2")));
    conforms("/v1/reservations", "post", client.postJson("/v1/reservations", example("data-share-partly-necessary.json", "or-3")));
    conforms("/v1/calls/{id}/outcome", "post", client.postJson("/v1/calls/or-1/outcome", "{\"outcome\":\"VOICEMAIL\"}"));
    conforms("/v1/calls/{id}/outcome", "post", client.postJson("/v1/calls/none/outcome", "{\"outcome\":\"VOICEMAIL\"}"));
    conforms("/v1/calls/{id}/outcome", "post", client.postJson("/v1/calls/or-1/outcome", "{\"outcome\":\"MAYBE\"}"));
  }

  @Test
  void packsHealthMetricsAndUnknownPaths() {
    conforms("/v1/packs", "get", client.get("/v1/packs"));
    conforms("/health/live", "get", client.get("/health/live"));
    conforms("/health/ready", "get", client.get("/health/ready"));
    conforms("/metrics", "get", client.get("/metrics"));
    conforms("/openapi.json", "get", client.get("/openapi.json"));
    conforms("/v1/packs", "get", "get", client.get("/v1/no-such-thing"));
  }

  private static void conforms(String path, String method, HttpResponse<String> response) {
    conforms(path, method, method, response);
  }

  /** Validates the answer against the document's schema for {@code path}/{@code method} (its default response if its status is not listed). */
  private static void conforms(String path, String method, String documented, HttpResponse<String> response) {
    JsonNode responses = document.path("paths").path(path).path(documented).path("responses");
    assertTrue(responses.isObject(), path + " " + documented + " is not documented");
    String status = Integer.toString(response.statusCode());
    if (!responses.has(status)) {
      status = "default";
    }
    String type = response.headers().firstValue("Content-Type").orElseThrow().split(";")[0].strip().toLowerCase(Locale.ROOT);
    JsonNode media = responses.path(status).path("content").path(type);
    assertTrue(media.isObject(), path + " " + method + " " + response.statusCode() + " " + type + " is not documented: " + response.body());
    String pointer = "#/paths/" + escape(path) + "/" + documented + "/responses/" + status + "/content/" + escape(type);
    if (type.equals("application/x-ndjson")) {
      assertNotNull(media.get("x-tollgate-line-schema"));
      JsonSchema line = FACTORY.getSchema(SchemaLocation.of(DOCUMENT + pointer + "/x-tollgate-line-schema"), CONFIG);
      response.body().lines().forEach(l -> valid(line, l, path));
    } else if (type.equals("application/json")) {
      valid(FACTORY.getSchema(SchemaLocation.of(DOCUMENT + pointer + "/schema"), CONFIG), response.body(), path);
    } else {
      assertEquals("string", media.path("schema").path("type").asText());
    }
  }

  private static void valid(JsonSchema schema, String body, String path) {
    Set<ValidationMessage> errors = schema.validate(Client.json(body));
    assertTrue(errors.isEmpty(), path + ": " + errors + "\n" + body);
  }

  /** A JSON pointer token: ~ and / escaped. */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
  }
}
