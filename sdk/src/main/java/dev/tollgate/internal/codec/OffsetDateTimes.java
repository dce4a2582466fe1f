package dev.tollgate.internal.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the usual shapes of a date-time with offset, {@code 2025-09-02T21:30:00+08:00}, {@code
 * 2025-09-02T21:30+08:00} (as {@link OffsetDateTime#toString} writes it), with a fraction of a second or
 * {@code Z}, without {@link java.time.format.DateTimeFormatter}, which was a large part of the cost
 * of binding a request with a history (BENCHMARKS.md). Anything else, and any value out
 * of range, is left to the standard parser, so results and error messages are unchanged. Only text is
 * read: a number or an array is refused.
 */
final class OffsetDateTimes {
  private OffsetDateTimes() {}

  /**
   * The date-time {@link OffsetDateTime#parse} would read from {@code text}, or null where this parser
   * does not know the shape or a value is out of range (the standard parser then decides).
   */
  static OffsetDateTime parse(String text) {
    int n = text.length();
    // yyyy-MM-ddTHH:mm, then :ss and a fraction of 1 to 9 digits if given, then Z or +HH:MM.
    if (n < 17 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int i = 16;
    int second = 0;
    int nano = 0;
    if (text.charAt(i) == ':') {
      if (n < 20) {
        return null;
      }
      second = digits(text, 17, 2);
      i = 19;
      if (text.charAt(i) == '.') {
        int start = ++i;
        while (i < n && i - start < 9 && isDigit(text.charAt(i))) {
          nano = nano * 10 + text.charAt(i++) - '0';
        }
        if (i == start || i < n && isDigit(text.charAt(i))) {
          return null;
        }
        for (int k = i - start; k < 9; k++) {
          nano *= 10;
        }
      }
    }
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    ZoneOffset offset;
    if (i == n - 1 && text.charAt(i) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
      int hours = digits(text, i + 1, 2);
      int minutes = digits(text, i + 4, 2);
      if ((hours | minutes) < 0) {
        return null;
      }
      int sign = text.charAt(i) == '-' ? -1 : 1;
      try {
        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      } catch (DateTimeException e) {
        return null;
      }
    } else {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number in {@code count} characters from {@code from}, or -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + c - '0';
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Jackson's deserializer for {@link OffsetDateTime}, with {@link #parse} tried first on text. */
  static final class Deserializer extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    Deserializer(JsonDeserializer<?> standard) {
      super(standard);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> standard) {
      return new Deserializer(standard);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        // The standard parser reads a number as seconds since 1970 and an array as fields: the contract
        // has an ISO-8601 text here, and a guess at what a number meant could move a call into a window.
        throw InvalidFormatException.from(parser, "a date-time is text", parser.getText(), OffsetDateTime.class);
      }
      OffsetDateTime fast = parse(parser.getText());
      if (fast != null) {
        return fast;
      }
      return super.deserialize(parser, context);
    }
  }
}
