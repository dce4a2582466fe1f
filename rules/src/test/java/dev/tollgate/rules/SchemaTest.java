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
  void bundledFiles_referenceTheirSchemaForEditors() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("../rulepacks"), 4)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("target")).toList();
      assertTrue(!yaml.isEmpty());
      for (Path p : yaml) {
        String first = Files.readAllLines(p).get(0);
        String schema = p.getFileName().toString().equals("pack.yaml") ? "pack.schema.json" : "pack-test.schema.json";
        assertTrue(first.startsWith("# yaml-language-server: $schema="), p + " does not start with the schema header");
        Path target = p.getParent().resolve(first.substring(first.indexOf('=') + 1)).normalize();
        assertEquals(schema, target.getFileName().toString(), p.toString());
        assertTrue(Files.exists(target), p + " points at a missing schema " + target);
      }
    }
  }
}
