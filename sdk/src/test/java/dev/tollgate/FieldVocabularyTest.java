package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.rules.Field;
import dev.tollgate.rules.RequestType;
import dev.tollgate.rules.ValueType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pack language's field vocabulary ({@link Field}, in the rules module, which cannot see the
 * requests) and the request records say the same: every field a request carries is a component of its
 * record at that path, and an enum field allows exactly the constants of the record's enum, in order.
 */
class FieldVocabularyTest {
  private static final Map<RequestType, Class<?>> RECORDS = Map.of(
      RequestType.CALL, CallRequest.class, RequestType.DATA_SHARE, DataShareRequest.class,
      RequestType.MESSAGE, MessageRequest.class);

  @Test
  void everyRequestField_isARecordComponent_andItsEnumValuesAreTheRecordsEnum() {
    List<String> differences = new ArrayList<>();
    for (Field field : Field.values()) {
      if (field.derived()) {
        continue;
      }
      // The requested fields are texts; conditions name each one's text fields[].name.
      String path = field == Field.FIELDS_NAME ? "fields" : field.path();
      for (RequestType type : field.requestTypes()) {
        Class<?> target = resolve(RECORDS.get(type), path, differences, field + " (" + type + ")");
        if (target == null) {
          continue;
        }
        if (field.type() == ValueType.ENUM || field.type() == ValueType.ENUM_LIST) {
          List<String> constants = target.isEnum()
              ? Arrays.stream(target.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList() : null;
          if (!field.allowedValues().equals(constants)) {
            differences.add(field + " (" + type + ") allows " + field.allowedValues() + " but "
                + target.getName() + " has " + constants);
          }
        } else if (target.isEnum()) {
          differences.add(field + " (" + type + ") is " + field.type() + " but " + target.getName() + " is an enum");
        }
      }
    }
    assertEquals(List.of(), differences);
  }

  /** The class a path reaches ({@code callee.consent.marketingCalls}, {@code content[].kind}); a list's element class. */
  private static Class<?> resolve(Class<?> record, String path, List<String> differences, String what) {
    Class<?> current = record;
    for (String segment : path.replace("[]", "").split("\\.")) {
      RecordComponent component = current.isRecord() ? Arrays.stream(current.getRecordComponents())
          .filter(c -> c.getName().equals(segment)).findFirst().orElse(null) : null;
      if (component == null) {
        differences.add(what + ": " + current.getSimpleName() + " has no component '" + segment + "'");
        return null;
      }
      Type type = component.getGenericType();
      if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
        type = p.getActualTypeArguments()[0];
      }
      current = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }
    return current;
  }

  @Test
  void contactChannelsAndOutcomes_areTheRecordsEnums() {
    assertEquals(names(CallRequest.Channel.values()), RequestType.CALL.contactChannels());
    assertEquals(names(CallRequest.Outcome.values()), RequestType.CALL.contactOutcomes());
    assertEquals(List.of(), RequestType.DATA_SHARE.contactOutcomes());
  }

  private static List<String> names(Enum<?>[] constants) {
    return Arrays.stream(constants).map(Enum::name).toList();
  }
}
