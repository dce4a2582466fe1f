package dev.tollgate.internal.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tollgate.CallRequest;
import dev.tollgate.DataShareRequest;
import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.Request;
import dev.tollgate.internal.RequestRecords;
import dev.tollgate.internal.ledger.Subjects;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.RequestType;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * Reads requests from contract JSON strictly and writes decisions as contract JSON.
 *
 * <p>Thread-safe: the readers and writers are immutable and shared.
 */
public final class RequestCodec {
  /** The longest request read, in characters; a reader of bytes needs at most four times as many. */
  public static final int MAX_CHARS = 1 << 20;
  static final int MAX_DEPTH = 50;
  static final int MAX_STRING = 64 * 1024;

  /** The subtypes, one per request type, are registered from {@link RequestRecords}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  private interface RequestMixin {}

  private interface FindingMixin {
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    boolean shadow();

    @com.fasterxml.jackson.annotation.JsonIgnore
    boolean denies();
  }

  /** The contract's names for the decision's fields, which read better in Java under other names. */
  private interface DecisionMixin {
    @JsonProperty("id")
    String requestId();

    @JsonProperty("decision")
    Decision.Verdict verdict();

    @com.fasterxml.jackson.annotation.JsonIgnore
    boolean isAllowed();

    @com.fasterxml.jackson.annotation.JsonIgnore
    boolean isDenied();

    @com.fasterxml.jackson.annotation.JsonIgnore
    List<String> ruleIds();

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    List<Decision.ParameterOverride> overrides();
  }

  /** The contract's strict mapper; tests outside the codec compare their readers with it. */
  public static final ObjectMapper MAPPER = createMapper();
  private static final ObjectReader REQUEST_READER = MAPPER.readerFor(Request.class);
  private static final ObjectWriter DECISION_WRITER = MAPPER.writerFor(Decision.class);
  private static final ObjectWriter REQUEST_WRITER = MAPPER.writerFor(Request.class);

  private RequestCodec() {}

  private static ObjectMapper createMapper() {
    JsonMapper mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
              JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            if (type == OffsetDateTime.class) {
              return new OffsetDateTimes.Deserializer(deserializer);
            }
            // Jackson's own read a number as an epoch (day), an array as fields, and trim a zone of
            // control characters; the contract has text here, and nothing else is guessed at.
            return type == LocalDate.class || type == ZoneId.class ? new TextOnly(deserializer) : deserializer;
          }
        }))
        .addModule(new SimpleModule().addDeserializer(String.class, new CheckedString()))
        .addModule(new SimpleModule().setSerializerModifier(new DecisionFragments()))
        .addMixIn(Request.class, RequestMixin.class)
        .registerSubtypes(java.util.Arrays.stream(RequestType.values())
            .map(t -> new NamedType(RequestRecords.record(t), t.wireName())).toArray(NamedType[]::new))
        .addMixIn(Finding.class, FindingMixin.class)
        .addMixIn(Decision.class, DecisionMixin.class)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).maxDocumentLength(MAX_CHARS).build());
    // A number where text is expected is a mistake in the caller's mapping, not something to guess at.
    mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    return mapper;
  }

  /**
   * Reads one request.
   *
   * @throws InvalidRequestException naming the JSON path of the problem
   */
  public static Request readRequest(String json) {
    if (json.length() > MAX_CHARS) {
      throw new InvalidRequestException("$", "the request has more than " + MAX_CHARS
          + " characters, the most accepted");
    }
    Request request;
    try {
      request = REQUEST_READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
    if (request == null) {
      throw new InvalidRequestException("$", "expected a request object, found null");
    }
    if (!Field.JURISDICTION.pattern().matcher(request.jurisdiction()).matches()) {
      throw new InvalidRequestException("$.jurisdiction",
          "'" + request.jurisdiction() + "' is not an ISO 3166 code like CN, US or US-FL");
    }
    InvalidRequestException problem = check(request);
    if (problem != null) {
      throw problem;
    }
    return request;
  }

  /**
   * What a request's types cannot say, for requests read from JSON and records given to the engine alike:
   * a call's {@code callee.subject} is a pseudonymous id (not empty, not a phone number), and counts are
   * not negative.
   *
   * @return the problem, or null if there is none
   */
  public static InvalidRequestException check(Request request) {
    if (request instanceof CallRequest call) {
      String subject = Subjects.problem(call.callee().subject());
      if (subject != null) {
        return new InvalidRequestException("$.callee.subject", subject);
      }
      java.math.BigDecimal rate = call.aiLabel() == null ? null : call.aiLabel().charsPerMinute();
      if (rate != null && rate.signum() < 0) {
        return new InvalidRequestException("$.aiLabel.charsPerMinute", "must not be negative");
      }
    } else if (request instanceof dev.tollgate.MessageRequest message) {
      String subject = Subjects.problem(message.recipient().subject());
      if (subject != null) {
        return new InvalidRequestException("$.recipient.subject", subject);
      }
    } else if (request instanceof DataShareRequest share) {
      if (share.subjects() != null && share.subjects().count() != null && share.subjects().count() < 0) {
        return new InvalidRequestException("$.subjects.count", "must not be negative, was " + share.subjects().count());
      }
      if (share.retention() != null && share.retention().days() != null && share.retention().days() < 0) {
        return new InvalidRequestException("$.retention.days", "must not be negative, was " + share.retention().days());
      }
    }
    return null;
  }

  /**
   * Why a text value of a request cannot be taken as it is, or null: NUL, the replacement character U+FFFD
   * (the mark of bytes that were not valid UTF-8 when the text was decoded), or half of a surrogate pair.
   * Other control characters are text that rules may judge (GB 45438's metadata must be printable ASCII);
   * in a date or zone, where the standard readers would trim them away, they are refused too.
   */
  static String textProblem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return "contains the control character U+0000";
      }
      if (c == '\uFFFD') {
        return "contains U+FFFD, the replacement for bytes that were not valid UTF-8; send the text as valid UTF-8";
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return "contains half of a UTF-16 surrogate pair, which is not text";
        }
      }
    }
    return null;
  }

  /** Whether text holds a control character, or anything {@link #textProblem} refuses. */
  static boolean hasControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x20 || text.charAt(i) == 0x7f) {
        return true;
      }
    }
    return textProblem(text) != null;
  }

  /** Jackson's reader of text, refusing what {@link #textProblem} finds, so that the message names the field. */
  private static final class CheckedString extends StdScalarDeserializer<String> {
    private static final long serialVersionUID = 1L;
    private static final StringDeserializer STANDARD = StringDeserializer.instance;

    CheckedString() {
      super(String.class);
    }

    @Override
    public LogicalType logicalType() {
      return LogicalType.Textual;
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
      String text = STANDARD.deserialize(p, context);
      String problem = text == null ? null : textProblem(text);
      if (problem != null) {
        throw InvalidFormatException.from(p, problem, text, String.class);
      }
      return text;
    }
  }

  /** A date or zone: refuses anything but a JSON string, and text with a control character in it. */
  private static final class TextOnly extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    TextOnly(JsonDeserializer<?> standard) {
      super(standard);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> standard) {
      return new TextOnly(standard);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING) || hasControl(p.getText())) {
        throw InvalidFormatException.from(p, "not text of the expected form", p.getText(), handledType());
      }
      return super.deserialize(p, context);
    }
  }

  /**
   * What can be read of a request that is not valid: its id, its {@code at} and whether it is a data share,
   * each null or false where unreadable.
   */
  public record Echo(String id, java.time.OffsetDateTime at, boolean dataShare) {}

  /** Reads {@link Echo} leniently; never throws. */
  public static Echo echo(String json) {
    com.fasterxml.jackson.databind.JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException | RuntimeException e) {
      return new Echo(null, null, false);
    }
    if (tree == null || !tree.isObject()) {
      return new Echo(null, null, false);
    }
    String id = tree.path("id").isTextual() ? tree.get("id").textValue() : null;
    java.time.OffsetDateTime at = null;
    if (tree.path("at").isTextual()) {
      try {
        at = java.time.OffsetDateTime.parse(tree.get("at").textValue());
      } catch (java.time.format.DateTimeParseException e) {
        at = null;
      }
    }
    return new Echo(id, at, "data-share".equals(tree.path("type").asText()));
  }

  /** Writes a request as one line of contract JSON, which {@link #readRequest} reads back to an equal request. */
  public static String writeRequest(Request request) {
    try {
      return REQUEST_WRITER.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a request could not be written as JSON", e);
    }
  }

  /** Writes a decision as one line of contract JSON. */
  public static String writeDecision(Decision decision) {
    try {
      return DECISION_WRITER.writeValueAsString(decision);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a decision could not be written as JSON", e);
    }
  }

  private static InvalidRequestException invalid(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      // Jackson's message names its own settings; the limits in the contract's words.
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      String what = e.getOriginalMessage().startsWith("Document nesting depth")
          ? "objects and lists nest more than " + MAX_DEPTH + " levels deep"
          : e.getOriginalMessage().startsWith("String value length") ? "a text value is longer than " + MAX_STRING
          + " characters" : e.getOriginalMessage().startsWith("Number value length") ? "a number has too many digits"
          : "the request is larger than accepted";
      return new InvalidRequestException("$", what + where);
    }
    if (e instanceof JsonParseException p) {
      String where = p.getLocation() == null ? "" : " at line " + p.getLocation().getLineNr() + ", column "
          + p.getLocation().getColumnNr();
      String reason = p.getOriginalMessage();
      int marker = reason.indexOf(" (start marker");
      return new InvalidRequestException("$", "malformed JSON" + where + ": " + (marker < 0 ? reason : reason.substring(0, marker)));
    }
    if (!(e instanceof JsonMappingException m)) {
      return new InvalidRequestException("$", e.getOriginalMessage());
    }
    String path = path(m.getPath());
    if (m instanceof UnrecognizedPropertyException u) {
      return new InvalidRequestException(path, "unknown field '" + u.getPropertyName() + "'");
    }
    if (m instanceof InvalidTypeIdException t) {
      return new InvalidRequestException(path.equals("$") ? "$.type" : path + ".type", t.getTypeId() == null
          ? "required field 'type' is missing (" + RequestRecords.wireNames() + ")"
          : "'" + t.getTypeId() + "' is not a request type (" + RequestRecords.wireNames() + ")");
    }
    if (m instanceof InvalidFormatException f && f.getTargetType() == String.class) {
      return new InvalidRequestException(path, f.getOriginalMessage());
    }
    if (m instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
      return new InvalidRequestException(path, "'" + f.getValue() + "' is not one of "
          + String.join(", ", Arrays.stream(f.getTargetType().getEnumConstants()).map(String::valueOf).toList()));
    }
    if (m instanceof ValueInstantiationException v && v.getCause() instanceof NullPointerException npe) {
      String field = npe.getMessage();
      return new InvalidRequestException(path.equals("$") ? "$." + field : path + "." + field,
          "required field '" + field + "' is missing");
    }
    if (m instanceof InvalidFormatException f) {
      return new InvalidRequestException(path, "'" + f.getValue() + "' is not a valid "
          + describe(f.getTargetType()));
    }
    if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
      return new InvalidRequestException(path, "expected " + describe(mi.getTargetType()) + firstSentence(m));
    }
    return new InvalidRequestException(path, firstSentence(m));
  }

  private static String describe(Class<?> type) {
    return switch (type.getSimpleName()) {
      case "OffsetDateTime" -> "date-time with offset, like 2025-09-02T21:30:00+08:00";
      case "LocalDate" -> "date, like 2025-09-02";
      case "ZoneId" -> "IANA time zone, like Asia/Shanghai";
      case "String" -> "text";
      case "Boolean", "boolean" -> "true or false";
      case "Long", "long", "Integer", "int" -> "whole number";
      case "BigDecimal" -> "number";
      case "List" -> "list";
      default -> type.getSimpleName().endsWith("Request") || type.isRecord() ? "object" : type.getSimpleName();
    };
  }

  private static String firstSentence(JsonMappingException m) {
    String msg = m.getOriginalMessage();
    int cut = msg.indexOf('\n');
    msg = cut < 0 ? msg : msg.substring(0, cut);
    return msg.isEmpty() ? "" : " (" + msg + ")";
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder("$");
    for (JsonMappingException.Reference r : refs) {
      if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      } else if (r.getFieldName() != null) {
        sb.append('.').append(r.getFieldName());
      }
    }
    return sb.toString();
  }
}
