package dev.tollgate.internal;

import dev.tollgate.CallRequest;
import dev.tollgate.DataShareRequest;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.MessageRequest;
import dev.tollgate.Request;
import dev.tollgate.rules.Field;
import dev.tollgate.rules.RequestType;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Reads request fields and computes derived facts, by {@link Field}, through the tables of each
 * request record ({@link RequestRecords}); FactExtractorTest checks that every field
 * of the pack language has its reader there.
 */
public final class FactExtractor {
  // Full stop, middle dot, bullet, bullet operator, dot operator, katakana and halfwidth middle dots,
  // fullwidth full stop, and 短 ("short") as GB 45438 writes the rhythm.
  private static final String DOTS = ".\u00B7\u2022\u2219\u22C5\u30FB\uFF65\uFF0E\u77ED";
  // Hyphen-minus, em and en dash, minus sign, hyphen, non-breaking hyphen, figure dash, horizontal bar,
  // low line, fullwidth hyphen-minus, and 长 / 長 ("long").
  private static final String DASHES = "-\u2014\u2013\u2212\u2010\u2011\u2012\u2015_\uFF0D\u957F\u9577";

  private static final Field[] FIELDS = Field.values();
  private static final int FIELD_COUNT = FIELDS.length;
  /** What people write between the digits of a phone number: whitespace, hyphens, dots and brackets. */
  private static final String SEPARATORS = " \t\n\u000B\f\r-().";

  /**
   * Per request type (by ordinal), then per field ordinal, how the field is read from a request of that type;
   * null for a field the type does not carry, which reads as absent, and for a field of list items.
   */
  private static final Function<Request, Object>[][] READERS = readers();

  private FactExtractor() {}

  @SuppressWarnings("unchecked")
  private static Function<Request, Object>[][] readers() {
    Function<Request, Object>[][] out = new Function[RequestType.values().length][FIELD_COUNT];
    for (RequestType type : RequestType.values()) {
      for (Field field : Field.values()) {
        Function<Request, Object> common = RequestRecords.COMMON.reader(field);
        out[type.ordinal()][field.ordinal()] = common != null ? common
            : field.requestTypes().contains(type) ? typed(RequestRecords.BY_TYPE.get(type), field) : null;
      }
    }
    return out;
  }

  /** Reads {@code field} with {@code table} from a request known to be of the table's type; null if it has no reader. */
  private static <R extends Request> Function<Request, Object> typed(FieldReaders<R> table, Field field) {
    Function<R, Object> reader = table.reader(field);
    if (reader == null) {
      return null;
    }
    Class<R> source = table.source();
    return r -> reader.apply(source.cast(r));
  }

  /**
   * The value of {@code field} for {@code request}: String (enum values by name), Boolean, BigDecimal,
   * java.time values, List of String, or null when absent or not carried by this request type.
   *
   * @throws InvalidRequestException when a derived fact needs a field the request lacks
   * @throws IllegalArgumentException for a field of list items, which {@link #itemReader} reads
   */
  public static Object extract(Field field, Request request) {
    if (field.itemOf() != null) {
      throw new IllegalArgumentException(field.path() + " has a value per item of a list; read it with itemReader()");
    }
    Function<Request, Object> reader = READERS[typeOf(request).ordinal()][field.ordinal()];
    return reader == null ? null : reader.apply(request);
  }

  /**
   * How each field is read from a request of {@code type}, by field ordinal: one array load per field for a
   * caller that reads many fields of one request. A null reader is a field the type does not carry (absent)
   * or a field of list items. The array is shared: never write to it.
   */
  public static Function<Request, Object>[] readers(RequestType type) {
    return READERS[type.ordinal()];
  }

  /** The request type of a request record. */
  public static RequestType typeOf(Request request) {
    return request instanceof CallRequest ? RequestType.CALL
        : request instanceof MessageRequest ? RequestType.MESSAGE : RequestType.DATA_SHARE;
  }

  /**
   * Reads the item fields of one item of a list field by field ordinal. The item's facts call it when a test
   * first reaches a field, so a file's AIGC metadata is parsed (once) only if a rule reaches a test of it.
   *
   * @param item an element of the list that {@link #extract} returned for the item fields' list
   * @return a reader that throws IllegalArgumentException for a field that is not a field of that kind of item
   */
  public static IntFunction<Object> itemReader(Object item) {
    if (item instanceof String name) {
      return field -> read(DataShareFields.FIELD_NAME_READERS, name, field, "a requested field name");
    }
    DataShareFields.ContentItem content = new DataShareFields.ContentItem((DataShareRequest.Artifact) item);
    return field -> read(DataShareFields.CONTENT_READERS, content, field, "a content item");
  }

  private static <T> Object read(FieldReaders<T> table, T item, int field, String what) {
    Function<T, Object> reader = table.reader(FIELDS[field]);
    if (reader == null) {
      throw new IllegalArgumentException(FIELDS[field].path() + " is not a field of " + what);
    }
    return reader.apply(item);
  }

  /**
   * An audio rhythm label in one spelling: dot-like characters and 短 become {@code .}, dash-like ones
   * and 长 become {@code -}, each run of spaces or slashes one space, with no gap at either end; other
   * characters are kept so that the result no longer matches a valid rhythm. Null stays null.
   */
  static String normalizeRhythm(String rhythm) {
    if (rhythm == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(rhythm.length());
    boolean gap = false;
    for (int i = 0; i < rhythm.length(); ) {
      int c = rhythm.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '/') {
        gap = sb.length() > 0;
        continue;
      }
      if (gap) {
        sb.append(' ');
        gap = false;
      }
      if (DOTS.indexOf(c) >= 0) {
        sb.append('.');
      } else if (DASHES.indexOf(c) >= 0) {
        sb.append('-');
      } else {
        sb.appendCodePoint(c);
      }
    }
    return sb.toString();
  }

  /**
   * Whether two phone numbers are the same once the spaces, hyphens, dots and brackets people write in
   * them are left out. Compared in place: a regular expression per call was a visible part of a decision, and
   * building the two stripped strings most of what was left (BENCHMARKS.md).
   */
  static boolean sameDigits(String a, String b) {
    int i = 0;
    int j = 0;
    while (true) {
      while (i < a.length() && SEPARATORS.indexOf(a.charAt(i)) >= 0) {
        i++;
      }
      while (j < b.length() && SEPARATORS.indexOf(b.charAt(j)) >= 0) {
        j++;
      }
      if (i == a.length() || j == b.length()) {
        return i == a.length() && j == b.length();
      }
      if (a.charAt(i++) != b.charAt(j++)) {
        return false;
      }
    }
  }

  /** The time zone of the person a call or message reaches: its timeZone, or the jurisdiction's only zone. */
  public static ZoneId calleeZone(Request r) {
    boolean message = r instanceof MessageRequest;
    ZoneId given = message ? ((MessageRequest) r).recipient().timeZone()
        : ((CallRequest) r).callee().timeZone();
    ZoneId zone = given != null ? given : Zones.singleZone(r.jurisdiction());
    if (zone == null) {
      String path = message ? "$.recipient.timeZone" : "$.callee.timeZone";
      throw new InvalidRequestException(path, "required here: a rule in force needs the " + (message ? "recipient" : "callee")
          + "'s local time, and jurisdiction " + r.jurisdiction() + " has more than one time zone");
    }
    return zone;
  }

  /** The call's time at the callee. */
  static LocalDateTime calleeTime(CallRequest c) {
    return Zones.local(c.at(), calleeZone(c));
  }

  /** The message's time at the recipient. */
  static LocalDateTime localTime(MessageRequest m) {
    return Zones.local(m.at(), calleeZone(m));
  }
}
