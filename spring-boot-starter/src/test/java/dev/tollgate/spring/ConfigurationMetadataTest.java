package dev.tollgate.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The metadata an IDE completes {@code tollgate.*} from, as the configuration processor generated it into the jar. */
class ConfigurationMetadataTest {
  @Test
  void everyProperty_isDescribed_withItsTypeAndDefault() throws Exception {
    JsonNode metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new ObjectMapper().readTree(in);
    }
    Map<String, String> found = new TreeMap<>();
    for (JsonNode p : metadata.get("properties")) {
      assertEquals(false, p.path("description").asText().isBlank(), p.toString());
      found.put(p.get("name").asText(), p.get("type").asText() + "=" + p.path("defaultValue").asText(""));
    }
    assertEquals(Map.of(
        "tollgate.packs.bundled", "java.lang.Boolean=true",
        "tollgate.packs.folder", "java.nio.file.Path=",
        "tollgate.pins", "java.util.List<java.lang.String>=",
        "tollgate.overrides", "java.nio.file.Path=",
        "tollgate.on-error", "dev.tollgate.PolicyEngine$OnError=deny",
        "tollgate.ledger.enabled", "java.lang.Boolean=false",
        "tollgate.ledger.timeout", "java.time.Duration=5s",
        "tollgate.ledger.retention", "java.time.Duration="), found);
  }
}
