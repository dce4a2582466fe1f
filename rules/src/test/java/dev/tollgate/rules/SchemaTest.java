package dev.tollgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The JSON Schemas that editors use must offer exactly what the loader accepts. */
class SchemaTest {
  private static final Path SCHEMAS = Path.of("../schemas");

  @Test
  void packSchema_fieldsAndOperators_matchTheLanguage() throws IOException {
    JsonNode compare = new ObjectMapper().readTree(SCHEMAS.resolve("pack.schema.json").toFile()).at("/$defs/compare/properties");
    Set<String> schemaFields = new TreeSet<>();
    compare.get("field").get("enum").forEach(n -> schemaFields.add(n.asText()));
    Set<String> fields = new TreeSet<>(Arrays.stream(Field.values()).map(Field::path).toList());
    assertEquals(fields, schemaFields);
    Set<String> schemaOps = new TreeSet<>();
    compare.fieldNames().forEachRemaining(schemaOps::add);
    schemaOps.remove("field");
    assertEquals(new TreeSet<>(Arrays.stream(Operator.values()).map(Operator::yamlName).toList()), schemaOps);
  }

  @Test
  void packSchema_enumValues_matchTheModel() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(SCHEMAS.resolve("pack.schema.json").toFile());
    JsonNode rule = schema.at("/$defs/rule/properties");
    assertEquals(names(Effect.values()), values(rule.at("/effect/enum")));
    assertEquals(names(RuleStatus.values()), values(rule.at("/status/enum")));
    assertEquals(new TreeSet<>(Arrays.stream(Confidence.values()).map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList()),
        values(rule.at("/confidence/enum")));
    assertEquals(new TreeSet<>(Arrays.stream(RequestType.values()).map(RequestType::wireName).toList()),
        values(schema.at("/properties/appliesTo/items/enum")));
  }

  /** Every YAML file a legal team edits names its schema: packs, pack tests and institution overlays. */
  @Test
  void bundledFiles_referenceTheirSchemaForEditors() throws IOException {
    List<Path> yaml = new java.util.ArrayList<>();
    for (Path dir : List.of(Path.of("../rulepacks"), Path.of("../examples"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("target")).forEach(yaml::add);
      }
    }
    assertTrue(yaml.size() > 20, yaml.toString());
    for (Path p : yaml) {
      String first = Files.readAllLines(p).get(0);
      String schema = p.getFileName().toString().equals("pack.yaml") ? "pack.schema.json"
          : p.getParent().getFileName().toString().equals("tests") ? "pack-test.schema.json" : "overrides.schema.json";
      assertTrue(first.startsWith("# yaml-language-server: $schema="), p + " does not start with the schema header");
      Path target = p.getParent().resolve(first.substring(first.indexOf('=') + 1)).normalize();
      assertEquals(schema, target.getFileName().toString(), p.toString());
      assertTrue(Files.exists(target), p + " points at a missing schema " + target);
    }
  }

  private static Set<String> names(Enum<?>[] values) {
    return new TreeSet<>(Arrays.stream(values).map(Enum::name).toList());
  }

  private static Set<String> values(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    assertTrue(!out.isEmpty(), "no enum in the schema there");
    return out;
  }
}
