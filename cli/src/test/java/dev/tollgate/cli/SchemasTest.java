package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import dev.tollgate.Decision;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The request and decision schemas against real requests (the examples and the CLI's test requests, valid
 * and broken) and the decisions the engine makes for them, and against the records they describe.
 */
class SchemasTest {
  private static final List<String> NAMES = List.of("pack", "pack-test", "overrides", "request", "decision");
  private static final JsonSchema REQUEST = Schemas.fromClasspath("tollgate/schemas/request.schema.json");
  private static final JsonSchema DECISION = Schemas.fromClasspath("tollgate/schemas/decision.schema.json");

  /** Every request text in the examples and the CLI's test requests, one per file or line. */
  private static List<String> requests() throws IOException {
    List<String> texts = new ArrayList<>();
    for (Path dir : List.of(Path.of("../examples/requests"), Path.of("src/test/resources/requests"))) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String text = Files.readString(f, StandardCharsets.UTF_8);
          if (f.toString().endsWith(".jsonl")) {
            text.lines().filter(l -> !l.isBlank()).forEach(texts::add);
          } else {
            texts.add(text);
          }
        }
      }
    }
    return texts;
  }

  @Test
  void schemas_travelInTheRulesJar_withStableIds() throws IOException {
    for (String name : NAMES) {
      String resource = "tollgate/schemas/" + name + ".schema.json";
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
        assertTrue(in != null, resource + " is in the rules jar");
        JsonNode schema = Schemas.JSON.readTree(in);
        assertEquals("https://tollgate.dev/schemas/" + name + ".schema.json", schema.path("$id").asText());
        assertEquals(Schemas.JSON.readTree(Path.of("../schemas/" + name + ".schema.json").toFile()), schema,
            "the jar's copy is the repository's");
      }
    }
  }

  @Test
  void requestSchema_acceptsExactlyTheRequestsTheEngineAccepts() throws IOException {
    int valid = 0;
    int invalid = 0;
    for (String text : requests()) {
      boolean engineAccepts;
      try {
        Request.fromJson(text);
        engineAccepts = true;
      } catch (InvalidRequestException e) {
        engineAccepts = false;
      }
      JsonNode node;
      try {
        node = Schemas.JSON.readTree(text);
      } catch (IOException malformed) {
        assertFalse(engineAccepts, text);
        invalid++;
        continue;
      }
      boolean schemaAccepts = REQUEST.validate(node).isEmpty();
      assertEquals(engineAccepts, schemaAccepts, (engineAccepts ? "the schema refuses " + REQUEST.validate(node)
          : "the schema accepts what the engine refuses") + ": " + text);
      if (engineAccepts) {
        valid++;
      } else {
        invalid++;
      }
    }
    assertTrue(valid >= 15 && invalid >= 3, valid + " valid and " + invalid + " broken requests were checked");
  }

  @Test
  void decisionSchema_describesTheEnginesDecisions() throws IOException {
    List<String> requests = requests();
    try (PolicyEngine bundled = PolicyEngine.builder().bundledPacks()
            .overrides(Path.of("../examples/overrides/bank-caps.yaml")).build();
        PolicyEngine test = PolicyEngine.builder().packs(Path.of(Invocation.PACKS)).build()) {
      Set<String> seen = new TreeSet<>();
      for (PolicyEngine engine : List.of(bundled, test)) {
        for (String text : requests) {
          Decision d = engine.decideJson(text);
          JsonNode json = Schemas.JSON.readTree(d.toJson());
          Schemas.assertValid(DECISION, json, "the decision for " + text);
          json.fieldNames().forEachRemaining(seen::add);
          json.path("findings").forEach(f -> f.fieldNames().forEachRemaining(n -> seen.add("findings[]." + n)));
        }
      }
      assertTrue(seen.containsAll(Set.of("allowedFields", "nextAllowedAt", "overrides", "findings[].fields")),
          "the decisions checked use the optional parts too: " + seen);
    }
  }
}
