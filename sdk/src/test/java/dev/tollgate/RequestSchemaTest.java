package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.RequestType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The request JSON Schema ({@code schemas/request.schema.json}, for editors and other languages) says what
 * the request records say: the same properties at every level, the same JSON types, the same enum values in
 * the same order, and as required exactly the components the records refuse to be without.
 */
class RequestSchemaTest {
  private static final Map<RequestType, Class<?>> RECORDS = Map.of(
      RequestType.CALL, CallRequest.class, RequestType.DATA_SHARE, DataShareRequest.class,
      RequestType.MESSAGE, MessageRequest.class);

  private final JsonNode schema = read();

  @Test
  void requestSchema_eachRequestType_matchesItsRecord() {
    List<String> differences = new ArrayList<>();
    for (RequestType type : RequestType.values()) {
      JsonNode def = definitionOf(type);
      if (def == null) {
        differences.add("no schema definition with type const '" + type.wireName() + "'");
        continue;
      }
      compareRecord(def, RECORDS.get(type), "$", true, differences);
    }
    assertEquals(List.of(), differences);
  }

  @Test
  void requestSchema_typeEnumAndJurisdictionPattern_areTheLanguages() {
    List<String> wireNames = Arrays.stream(RequestType.values()).map(RequestType::wireName).toList();
    List<String> schemaTypes = new ArrayList<>();
    schema.path("properties").path("type").path("enum").forEach(n -> schemaTypes.add(n.asText()));
    assertEquals(wireNames, schemaTypes);
    assertEquals("^" + Field.JURISDICTION.pattern().pattern() + "$",
        schema.path("$defs").path("jurisdiction").path("pattern").asText());
  }

  private JsonNode definitionOf(RequestType type) {
    for (JsonNode option : schema.path("oneOf")) {
      JsonNode def = resolve(option);
      if (type.wireName().equals(def.path("properties").path("type").path("const").asText())) {
        return def;
      }
    }
    return null;
  }

  private void compareRecord(JsonNode node, Class<?> record, String path, boolean request, List<String> differences) {
    if (!"object".equals(node.path("type").asText()) || node.path("additionalProperties").asBoolean(true)) {
      differences.add(path + ": a record is an object without additional properties in the schema");
    }
    Set<String> components = new LinkedHashSet<>();
    for (RecordComponent c : record.getRecordComponents()) {
      components.add(c.getName());
    }
    Set<String> properties = new LinkedHashSet<>();
    node.path("properties").fieldNames().forEachRemaining(properties::add);
    if (request) {
      properties.remove("type");
    }
    if (!properties.equals(components)) {
      differences.add(path + ": schema has " + properties + " but " + record.getSimpleName() + " has " + components);
    }
    Set<String> required = new LinkedHashSet<>();
    node.path("required").forEach(n -> required.add(n.asText()));
    if (request) {
      required.remove("type");
    }
    Set<String> refused = requiredComponents(record);
    if (!required.equals(refused)) {
      differences.add(path + ": schema requires " + required + " but " + record.getSimpleName() + " requires " + refused);
    }
    for (RecordComponent c : record.getRecordComponents()) {
      JsonNode property = node.path("properties").path(c.getName());
      if (!property.isMissingNode()) {
        compareValue(resolve(property), c.getGenericType(), path + "." + c.getName(), differences);
      }
    }
  }

  private void compareValue(JsonNode node, Type type, String path, List<String> differences) {
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      expectType(node, "array", path, differences);
      compareValue(resolve(node.path("items")), p.getActualTypeArguments()[0], path + "[]", differences);
      return;
    }
    Class<?> c = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (c.isRecord()) {
      compareRecord(node, c, path, false, differences);
    } else if (c.isEnum()) {
      List<String> constants = Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
      List<String> values = new ArrayList<>();
      node.path("enum").forEach(n -> values.add(n.asText()));
      if (!values.equals(constants)) {
        differences.add(path + ": schema allows " + values + " but " + c.getSimpleName() + " has " + constants);
      }
    } else if (c == String.class || c == ZoneId.class) {
      expectType(node, "string", path, differences);
    } else if (c == OffsetDateTime.class || c == LocalDate.class) {
      expectType(node, "string", path, differences);
      String format = c == OffsetDateTime.class ? "date-time" : "date";
      if (!format.equals(node.path("format").asText())) {
        differences.add(path + ": schema format '" + node.path("format").asText() + "' but the record has " + format);
      }
    } else if (c == Boolean.class) {
      expectType(node, "boolean", path, differences);
    } else if (c == BigDecimal.class) {
      expectType(node, "number", path, differences);
    } else if (c == Long.class) {
      expectType(node, "integer", path, differences);
    } else if (c == Map.class) {
      expectType(node, "object", path, differences);
    } else {
      differences.add(path + ": no JSON type known for " + c.getName() + "; teach this test");
    }
  }

  private static void expectType(JsonNode node, String type, String path, List<String> differences) {
    if (!type.equals(node.path("type").asText())) {
      differences.add(path + ": schema type '" + node.path("type").asText() + "' but the record has " + type);
    }
  }

  /** A property with its local {@code $ref} followed. */
  private JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText(null);
    return ref == null ? node : schema.at(ref.substring(1));
  }

  /** The components whose absence the record's canonical constructor refuses, found by leaving each out in turn. */
  private static Set<String> requiredComponents(Class<?> record) {
    RecordComponent[] components = record.getRecordComponents();
    Set<String> required = new LinkedHashSet<>();
    for (int i = 0; i < components.length; i++) {
      Object[] args = sample(components);
      args[i] = null;
      try {
        canonical(record).newInstance(args);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof NullPointerException) {
          required.add(components[i].getName());
        } else {
          throw new AssertionError(record.getSimpleName() + " without " + components[i].getName(), e.getCause());
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return required;
  }

  private static Object[] sample(RecordComponent[] components) {
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      args[i] = sample(components[i].getType());
    }
    return args;
  }

  private static Object sample(Class<?> c) {
    if (c == String.class) {
      return "x";
    } else if (c == OffsetDateTime.class) {
      return OffsetDateTime.parse("2025-09-02T10:00:00+08:00");
    } else if (c == LocalDate.class) {
      return LocalDate.of(2025, 9, 2);
    } else if (c == ZoneId.class) {
      return ZoneId.of("Asia/Shanghai");
    } else if (c == Boolean.class) {
      return Boolean.TRUE;
    } else if (c == BigDecimal.class) {
      return BigDecimal.ONE;
    } else if (c == Long.class) {
      return 1L;
    } else if (c == List.class) {
      return List.of();
    } else if (c == Map.class) {
      return Map.of();
    } else if (c.isEnum()) {
      return c.getEnumConstants()[0];
    } else if (c.isRecord()) {
      try {
        return canonical(c).newInstance(sample(c.getRecordComponents()));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no sample value for " + c.getName() + "; teach this test");
  }

  private static Constructor<?> canonical(Class<?> record) throws NoSuchMethodException {
    return record.getDeclaredConstructor(
        Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new));
  }

  private static JsonNode read() {
    try {
      JsonNode node = new ObjectMapper().readTree(Path.of("../schemas/request.schema.json").toFile());
      assertNotNull(node);
      return node;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
