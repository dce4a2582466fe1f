package dev.tollgate.internal.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.tollgate.Request;
import dev.tollgate.internal.RequestRecords;
import dev.tollgate.rules.RequestType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the requests that are plainly valid straight from the parser's tokens to the records, several
 * times cheaper than Jackson's data binding (polymorphic type id, property-based creators, duplicate
 * detection by the parser). It binds what Jackson would bind, to equal records; wherever it is not sure
 * (a null, a duplicate or unknown field, {@code type} not first, a value of another type, a shape of
 * date-time it does not know, a record its constructor refuses, any parse error) it answers null and
 * {@link RequestCodec} reads the request with Jackson, which reports the problem as before.
 *
 * <p>The parser is made by a factory with the same limits as the codec's (nesting depth, text and
 * document length), so hostile input meets the same limits. Thread-safe.
 */
final class RequestBinder {
  /** What a reader returns where it is not sure; the request is then read by Jackson. */
  private static final Object UNSURE = new Object();

  private static final JsonFactory FACTORY = factory();
  /** The record kinds by request type wire name. */
  private static final Map<String, RecordKind> KINDS = kinds();

  private RequestBinder() {}

  private static JsonFactory factory() {
    JsonFactory codec = RequestCodec.MAPPER.getFactory();
    // Duplicates are found by the binder, which knows each record's fields; the parser's detector would
    // look them up in a set of its own.
    JsonFactory factory = codec.copy().disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    factory.setStreamReadConstraints(codec.streamReadConstraints());
    return factory;
  }

  private static Map<String, RecordKind> kinds() {
    Map<String, RecordKind> kinds = new HashMap<>();
    for (RequestType type : RequestType.values()) {
      kinds.put(type.wireName(), RecordKind.of(RequestRecords.record(type)));
    }
    return Map.copyOf(kinds);
  }

  /** The request Jackson would read from {@code json}, or null where this binder is not sure. */
  static Request read(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
          || !"type".equals(p.currentName()) || p.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      RecordKind kind = KINDS.get(p.getText());
      if (kind == null) {
        return null;
      }
      Object request = kind.fields(p);
      // Nothing may follow the request.
      return request != UNSURE && p.nextToken() == null ? (Request) request : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** Reads a value of one type from its first token, which is never null; UNSURE where not sure. */
  private interface Kind {
    Object read(JsonParser p, JsonToken token) throws Exception;
  }

  private static Kind kind(Type type) {
    if (type instanceof Class<?> c) {
      if (c == String.class) {
        return (p, t) -> t == JsonToken.VALUE_STRING ? text(p) : UNSURE;
      }
      if (c == Boolean.class) {
        return (p, t) -> t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : UNSURE;
      }
      if (c == Long.class) {
        return (p, t) -> t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
            ? (Object) p.getLongValue() : UNSURE;
      }
      if (c == BigDecimal.class) {
        return (p, t) -> t == JsonToken.VALUE_NUMBER_INT ? p.getDecimalValue() : UNSURE;
      }
      if (c == OffsetDateTime.class) {
        return (p, t) -> {
          OffsetDateTime at = t == JsonToken.VALUE_STRING ? OffsetDateTimes.parse(p.getText()) : null;
          return at == null ? UNSURE : at;
        };
      }
      if (c == ZoneId.class) {
        return RequestBinder::zone;
      }
      if (c.isEnum()) {
        Map<String, Object> names = new HashMap<>();
        for (Object constant : c.getEnumConstants()) {
          names.put(((Enum<?>) constant).name(), constant);
        }
        return (p, t) -> t == JsonToken.VALUE_STRING ? names.getOrDefault(p.getText(), UNSURE) : UNSURE;
      }
      if (c.isRecord()) {
        return RecordKind.of(c);
      }
    } else if (type instanceof ParameterizedType generic) {
      Type[] args = generic.getActualTypeArguments();
      if (generic.getRawType() == List.class) {
        Kind element = kind(args[0]);
        return (p, t) -> t == JsonToken.START_ARRAY ? list(p, element) : UNSURE;
      }
      if (generic.getRawType() == Map.class && args[0] == String.class && args[1] == Object.class) {
        return (p, t) -> t == JsonToken.START_OBJECT ? untypedObject(p) : UNSURE;
      }
    }
    // A type this binder does not read (a LocalDate): present, the request goes to Jackson.
    return (p, t) -> UNSURE;
  }

  /** The text of a string token, or UNSURE where {@link RequestCodec#textProblem} finds one. */
  private static Object text(JsonParser p) throws Exception {
    String text = p.getText();
    return RequestCodec.textProblem(text) == null ? text : UNSURE;
  }

  /** As Jackson reads a zone: the trimmed text, by {@link ZoneId#of}; text with a control character is refused. */
  private static Object zone(JsonParser p, JsonToken t) throws Exception {
    if (t != JsonToken.VALUE_STRING || RequestCodec.hasControl(p.getText())) {
      return UNSURE;
    }
    String id = p.getText().trim();
    if (id.isEmpty()) {
      return UNSURE;
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return UNSURE;
    }
  }

  private static Object list(JsonParser p, Kind element) throws Exception {
    List<Object> values = new ArrayList<>();
    for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
      Object value = t == JsonToken.VALUE_NULL ? UNSURE : element.read(p, t);
      if (value == UNSURE) {
        return UNSURE;
      }
      values.add(value);
    }
    return values;
  }

  /** A {@code Map<String, Object>} as Jackson reads it: maps, lists, text, int, true and false. */
  private static Object untypedObject(JsonParser p) throws Exception {
    Map<String, Object> values = new LinkedHashMap<>();
    for (JsonToken t; (t = p.nextToken()) != JsonToken.END_OBJECT; ) {
      String name = p.currentName();
      Object value = untyped(p, p.nextToken());
      if (value == UNSURE || values.put(name, value) != null) {
        return UNSURE;
      }
    }
    return values;
  }

  private static Object untyped(JsonParser p, JsonToken t) throws Exception {
    switch (t) {
      case VALUE_STRING:
        return text(p);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.INT ? (Object) p.getIntValue() : UNSURE;
      case START_OBJECT:
        return untypedObject(p);
      case START_ARRAY:
        List<Object> values = new ArrayList<>();
        for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; ) {
          Object value = untyped(p, e);
          if (value == UNSURE) {
            return UNSURE;
          }
          values.add(value);
        }
        return values;
      default:
        return UNSURE;
    }
  }

  /** A record, by its canonical constructor, each field read by the kind of its component. */
  private static final class RecordKind implements Kind {
    private static final Map<Class<?>, RecordKind> MADE = new HashMap<>();

    private final Constructor<?> constructor;
    private final Map<String, Integer> index = new HashMap<>();
    private final Kind[] kinds;

    private RecordKind(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      if (components.length > 64) {
        throw new IllegalArgumentException(type + " has more fields than the binder tracks");
      }
      Class<?>[] types = new Class<?>[components.length];
      kinds = new Kind[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        index.put(components[i].getName(), i);
      }
      try {
        constructor = type.getDeclaredConstructor(types);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
      // Filled after this kind is known, so that a record may nest itself.
      MADE.put(type, this);
      for (int i = 0; i < components.length; i++) {
        kinds[i] = kind(components[i].getGenericType());
      }
    }

    /** Made once per class, at class initialization, so the map needs no lock. */
    static RecordKind of(Class<?> type) {
      RecordKind made = MADE.get(type);
      return made != null ? made : new RecordKind(type);
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws Exception {
      return t == JsonToken.START_OBJECT ? fields(p) : UNSURE;
    }

    /** The fields up to the end of the object, then the record. */
    Object fields(JsonParser p) throws Exception {
      Object[] values = new Object[kinds.length];
      long seen = 0;
      for (JsonToken t; (t = p.nextToken()) != JsonToken.END_OBJECT; ) {
        Integer i = index.get(p.currentName());
        if (i == null || (seen & 1L << i) != 0) {
          return UNSURE;
        }
        seen |= 1L << i;
        JsonToken first = p.nextToken();
        Object value = first == JsonToken.VALUE_NULL ? UNSURE : kinds[i].read(p, first);
        if (value == UNSURE) {
          return UNSURE;
        }
        values[i] = value;
      }
      try {
        return constructor.newInstance(values);
      } catch (InvocationTargetException e) {
        // A required field missing: Jackson's message names it.
        return UNSURE;
      }
    }
  }
}
