package dev.tollgate.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.CallRequest;
import dev.tollgate.InvalidRequestException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OffsetDateTimesTest {
  @ParameterizedTest
  @ValueSource(strings = {"2025-09-02T21:30:00+08:00", "2025-09-02T21:30:00Z", "2025-09-02T21:30:00-00:00",
      "2025-09-02T21:30:00+00:00", "2025-09-02T21:30:00.5+08:00", "2025-09-02T21:30:00.123456789-05:30",
      "2024-02-29T00:00:00+14:00", "0000-01-01T00:00:00-18:00", "9999-12-31T23:59:59.999999999Z",
      "2025-09-02T21:30+08:00", "2025-09-02T21:30Z"})
  void parse_usualShape_equalsTheStandardParser(String text) {
    OffsetDateTime fast = OffsetDateTimes.parse(text);
    assertNotNull(fast, text);
    OffsetDateTime standard = OffsetDateTime.parse(text);
    assertEquals(standard, fast, text);
    assertEquals(standard.getOffset(), fast.getOffset(), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-09-02T21:30.5+08:00", "2025-09-02T21:3Z", "2025-09-02T21:30:0Z", "2025-09-02t21:30:00+08:00", "2025-09-02T21:30:00z",
      "2025-09-02T21:30:00+08:00:00", "2025-09-02T21:30:00+0800", "2025-09-02T21:30:00.+08:00",
      "2025-09-02T21:30:00.1234567890Z", " 2025-09-02T21:30:00Z", "2025-09-02T21:30:00Z ", "2025-02-30T10:00:00Z",
      "2025-13-01T10:00:00Z", "2025-09-02T24:00:00Z", "2025-09-02T21:60:00Z", "2025-09-02T21:30:60Z",
      "2025-09-02T21:30:00+18:01", "2025-09-02T21:30:00+08:60", "2025-09-02T21:30:00", "+2025-09-02T21:30:00Z",
      "2025-9-02T21:30:00+08:00", "1e3", "", "20250902T213000Z"})
  void parse_otherShapesOrOutOfRange_leftToTheStandardParser(String text) {
    assertNull(OffsetDateTimes.parse(text), text);
  }

  @Test
  void readRequest_dateTimesAsTheStandardParserReadsThem() {
    String json = """
        {"type": "call", "id": "c", "at": "2025-09-02T21:30:00.250-05:00", "jurisdiction": "CN", "purpose": "MARKETING", "voice": "HUMAN",
         "caller": {"organization": "Bank"}, "callee": {"subject": "p"},
         "history": [{"at": "2025-09-01T10:00:00Z", "purpose": "MARKETING", "outcome": "NO_ANSWER"}, {"at": "2025-09-01T10:00+08:00", "purpose": "MARKETING", "outcome": "NO_ANSWER"}]}
        """;
    CallRequest call = (CallRequest) RequestCodec.readRequest(json);
    assertEquals(OffsetDateTime.parse("2025-09-02T21:30:00.250-05:00"), call.at());
    assertEquals(OffsetDateTime.parse("2025-09-01T10:00:00Z"), call.history().get(0).at());
    assertEquals(OffsetDateTime.parse("2025-09-01T10:00+08:00"), call.history().get(1).at());
  }

  @Test
  void readRequest_badDateTime_sameMessageAsBefore() {
    for (String bad : new String[] {"2025-02-30T10:00:00+08:00", "2025-09-02T24:00:00Z", "yesterday"}) {
      InvalidRequestException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequestException.class,
          () -> RequestCodec.readRequest("{\"type\": \"call\", \"id\": \"c\", \"at\": \"" + bad + "\"}"));
      assertEquals("$.at", e.path(), e.getMessage());
      assertEquals("'" + bad + "' is not a valid date-time with offset, like 2025-09-02T21:30:00+08:00",
          e.getMessage().substring(e.getMessage().indexOf('\'')), e.getMessage());
    }
  }
}
