package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** JSON Schemas the tests validate output against, read from the jars or files that publish them. */
final class Schemas {
  static final ObjectMapper JSON = new ObjectMapper();

  private Schemas() {}

  /** A schema from the test classpath, in the draft its {@code $schema} names, with formats checked. */
  static JsonSchema fromClasspath(String resource) {
    try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the test classpath");
      }
      return of(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonSchema of(JsonNode schema) {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schema)).getSchema(schema, config);
  }

  /** Fails listing every violation, with its JSON path, if the document does not conform. */
  static void assertValid(JsonSchema schema, JsonNode document, String what) {
    Set<ValidationMessage> errors = schema.validate(document);
    assertEquals(List.of(), errors.stream().map(ValidationMessage::toString).sorted().toList(), what + " conforms");
  }
}
