package dev.tollgate.internal;

import dev.tollgate.Decision;
import dev.tollgate.Finding;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a decision as the UTF-8 bytes of the contract JSON that {@link RequestCodec#writeDecision} writes,
 * byte for byte, at a fraction of the cost: most of a decision is the same for every request (the packs,
 * and each finding's citation and message, much of it Chinese), so each pack, finding and obligation is
 * written by Jackson once and its bytes are kept; the rest (ids, times, field names) is written here.
 * Anything this writer does not know how to write exactly as Jackson does (text that needs escaping,
 * overrides) is written by Jackson, so the output never differs.
 *
 * <p>Thread-safe. The kept bytes are bounded ({@link #KEPT} per kind). The findings Tollgate makes itself,
 * whose messages name the request, are written here but for their citation.
 */
final class DecisionJson {
  /** Entries kept per kind: far more than the rules of every bundled pack. */
  private static final int KEPT = 2048;

  private static final Cache PACKS = new Cache();
  private static final Cache FINDINGS = new Cache();
  private static final Cache OBLIGATIONS = new Cache();
  private static final Cache CITATIONS = new Cache();

  private DecisionJson() {}

  /** The decision as one line of contract JSON in UTF-8, without a line end. */
  static byte[] write(Decision decision) {
    Bytes out = new Bytes(1024);
    if (!decision.overrides().isEmpty() || !write(decision, out)) {
      return RequestCodec.writeDecision(decision).getBytes(StandardCharsets.UTF_8);
    }
    return out.toArray();
  }

  /** Writes in the order and with the inclusion Jackson uses for the record; false where it cannot. */
  private static boolean write(Decision d, Bytes out) {
    out.add('{');
    if (d.requestId() != null) {
      out.add("\"id\":");
      if (!string(d.requestId(), out)) {
        return false;
      }
      out.add(',');
    }
    out.add("\"decisionId\":");
    if (!string(d.decisionId(), out)) {
      return false;
    }
    out.add(d.isAllowed() ? ",\"decision\":\"ALLOW\"" : ",\"decision\":\"DENY\"");
    if (d.at() != null) {
      out.add(",\"at\":");
      dateTime(d.at(), out);
    }
    out.add(",\"packs\":[");
    List<Decision.PackRef> packs = d.packs();
    for (int i = 0; i < packs.size(); i++) {
      if (i > 0) {
        out.add(',');
      }
      out.add(PACKS.bytes(packs.get(i)));
    }
    out.add("],\"findings\":[");
    List<Finding> findings = d.findings();
    for (int i = 0; i < findings.size(); i++) {
      if (i > 0) {
        out.add(',');
      }
      if (!finding(findings.get(i), out)) {
        return false;
      }
    }
    out.add("],\"obligations\":[");
    List<Decision.Obligation> obligations = d.obligations();
    for (int i = 0; i < obligations.size(); i++) {
      if (i > 0) {
        out.add(',');
      }
      out.add(OBLIGATIONS.bytes(obligations.get(i)));
    }
    out.add(']');
    if (d.allowedFields() != null) {
      out.add(",\"allowedFields\":");
      if (!strings(d.allowedFields(), out)) {
        return false;
      }
    }
    if (d.nextAllowedAt() != null) {
      out.add(",\"nextAllowedAt\":");
      dateTime(d.nextAllowedAt(), out);
    }
    if (d.bundle() != null) {
      out.add(",\"bundle\":");
      if (!string(d.bundle(), out)) {
        return false;
      }
    }
    out.add('}');
    return true;
  }

  /**
   * A finding: its kept bytes as Jackson writes it without {@code fields}, which Jackson writes last,
   * then the fields. Tollgate's own findings are written by Jackson every time.
   */
  private static boolean finding(Finding finding, Bytes out) {
    if (finding.pack().equals(SystemFindings.PACK)) {
      return systemFinding(finding, out);
    }
    if (finding.fields() == null) {
      out.add(FINDINGS.bytes(finding));
      return true;
    }
    byte[] whole = FINDINGS.bytes(new Finding(finding.rule(), finding.effect(), finding.pack(), finding.citation(),
        finding.message(), finding.shadow(), null));
    out.add(whole, whole.length - 1);
    out.add(",\"fields\":");
    if (!strings(finding.fields(), out)) {
      return false;
    }
    out.add('}');
    return true;
  }

  /**
   * One of Tollgate's own findings, whose message names the request and so is not kept: written here,
   * with the citation's kept bytes.
   */
  private static boolean systemFinding(Finding finding, Bytes out) {
    out.add("{\"rule\":");
    if (!string(finding.rule(), out)) {
      return false;
    }
    out.add(",\"effect\":\"");
    out.add(finding.effect().name());
    out.add("\",\"pack\":");
    if (!string(finding.pack(), out)) {
      return false;
    }
    out.add(",\"citation\":");
    out.add(CITATIONS.bytes(finding.citation()));
    out.add(",\"message\":{\"zh\":");
    if (!string(finding.message().zh(), out)) {
      return false;
    }
    out.add(",\"en\":");
    if (!string(finding.message().en(), out)) {
      return false;
    }
    out.add('}');
    if (finding.shadow()) {
      out.add(",\"shadow\":true");
    }
    if (finding.fields() != null) {
      out.add(",\"fields\":");
      if (!strings(finding.fields(), out)) {
        return false;
      }
    }
    out.add('}');
    return true;
  }

  private static boolean strings(List<String> values, Bytes out) {
    out.add('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.add(',');
      }
      if (values.get(i) == null) {
        out.add("null");
      } else if (!string(values.get(i), out)) {
        return false;
      }
    }
    out.add(']');
    return true;
  }

  /**
   * A JSON string in UTF-8; false for text with a character Jackson escapes (a quote, a backslash, a
   * control character) or a surrogate, left to Jackson.
   */
  static boolean string(String text, Bytes out) {
    int n = text.length();
    out.ensure(n * 3 + 2);
    byte[] b = out.bytes;
    int at = out.size;
    b[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c == '"' || c == '\\') {
          return false;
        }
        b[at++] = (byte) c;
      } else if (c < 0x800) {
        b[at++] = (byte) (0xC0 | c >> 6);
        b[at++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isSurrogate(c)) {
        return false;
      } else {
        b[at++] = (byte) (0xE0 | c >> 12);
        b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
        b[at++] = (byte) (0x80 | c & 0x3F);
      }
    }
    b[at++] = '"';
    out.size = at;
    return true;
  }

  /**
   * A date-time as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes it, which is what Jackson
   * writes: seconds always, a fraction without trailing zeros only if there is one, Z for UTC.
   */
  static void dateTime(OffsetDateTime t, Bytes out) {
    int year = t.getYear();
    int offset = t.getOffset().getTotalSeconds();
    if (year < 0 || year > 9999 || offset % 60 != 0) {
      out.add('"');
      out.add(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
      out.add('"');
      return;
    }
    out.ensure(40);
    out.add('"');
    digits(year, 4, out);
    out.add('-');
    digits(t.getMonthValue(), 2, out);
    out.add('-');
    digits(t.getDayOfMonth(), 2, out);
    out.add('T');
    digits(t.getHour(), 2, out);
    out.add(':');
    digits(t.getMinute(), 2, out);
    out.add(':');
    digits(t.getSecond(), 2, out);
    int nano = t.getNano();
    if (nano != 0) {
      int width = 9;
      while (nano % 10 == 0) {
        nano /= 10;
        width--;
      }
      out.add('.');
      digits(nano, width, out);
    }
    if (offset == 0) {
      out.add('Z');
    } else {
      out.add(offset < 0 ? '-' : '+');
      int minutes = Math.abs(offset) / 60;
      digits(minutes / 60, 2, out);
      out.add(':');
      digits(minutes % 60, 2, out);
    }
    out.add('"');
  }

  private static void digits(int value, int width, Bytes out) {
    out.ensure(width);
    for (int i = out.size + width - 1; i >= out.size; i--) {
      out.bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    out.size += width;
  }

  private static byte[] jackson(Object value) {
    return RequestCodec.writeJson(value).getBytes(StandardCharsets.UTF_8);
  }

  /** Values written by Jackson once, by equality, up to {@link #KEPT} of them. */
  private static final class Cache {
    private final Map<Object, byte[]> kept = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    byte[] bytes(Object value) {
      byte[] bytes = kept.get(value);
      if (bytes == null) {
        bytes = jackson(value);
        if (size.get() < KEPT && kept.putIfAbsent(value, bytes) == null) {
          size.incrementAndGet();
        }
      }
      return bytes;
    }
  }

  /** A growing byte array. */
  static final class Bytes {
    byte[] bytes;
    int size;

    Bytes(int capacity) {
      bytes = new byte[capacity];
    }

    void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void add(char c) {
      ensure(1);
      bytes[size++] = (byte) c;
    }

    /** ASCII text. */
    void add(String ascii) {
      int n = ascii.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        bytes[size++] = (byte) ascii.charAt(i);
      }
    }

    void add(byte[] more) {
      add(more, more.length);
    }

    void add(byte[] more, int length) {
      ensure(length);
      System.arraycopy(more, 0, bytes, size, length);
      size += length;
    }

    byte[] toArray() {
      return Arrays.copyOf(bytes, size);
    }
  }
}
