package dev.tollgate.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time zone of a jurisdiction that has exactly one (those with several have none here), and local
 * dates and times in a zone.
 *
 * <p>Most zones a call is placed in have kept one offset for years (China since 1991): from their last
 * transition on, local time is plain arithmetic on the epoch second, where {@code java.time} would search
 * the zone's history of transitions each time, several times per decision (BENCHMARKS.md). Zones that
 * still change their clocks, and instants before the last transition, go through {@code java.time}.
 */
public final class Zones {
  /** For a zone, from when (epoch second, with two days to spare) its offset stays the same, and that offset. */
  private record Tail(ZoneId zone, long since, ZoneOffset offset) {}

  private static final long DAY = 86_400;
  private static final Map<ZoneId, Tail> TAILS = new ConcurrentHashMap<>();
  /** The zone looked up last: nearly every call of an institution is in the same one. */
  private static volatile Tail last;

  private static final Map<String, ZoneId> SINGLE_ZONE = Map.ofEntries(
      Map.entry("CN", ZoneId.of("Asia/Shanghai")),
      Map.entry("HK", ZoneId.of("Asia/Hong_Kong")),
      Map.entry("MO", ZoneId.of("Asia/Macau")),
      Map.entry("TW", ZoneId.of("Asia/Taipei")),
      Map.entry("SG", ZoneId.of("Asia/Singapore")),
      Map.entry("JP", ZoneId.of("Asia/Tokyo")),
      Map.entry("KR", ZoneId.of("Asia/Seoul")),
      Map.entry("IN", ZoneId.of("Asia/Kolkata")),
      Map.entry("DE", ZoneId.of("Europe/Berlin")),
      Map.entry("FR", ZoneId.of("Europe/Paris")),
      Map.entry("IT", ZoneId.of("Europe/Rome")),
      Map.entry("NL", ZoneId.of("Europe/Amsterdam")),
      Map.entry("BE", ZoneId.of("Europe/Brussels")),
      Map.entry("AT", ZoneId.of("Europe/Vienna")),
      Map.entry("IE", ZoneId.of("Europe/Dublin")),
      Map.entry("GB", ZoneId.of("Europe/London")),
      Map.entry("PL", ZoneId.of("Europe/Warsaw")),
      Map.entry("SE", ZoneId.of("Europe/Stockholm")));

  private Zones() {}

  /** The only zone of the jurisdiction (or of its country, for a subdivision), or null if it has several. */
  public static ZoneId singleZone(String jurisdiction) {
    ZoneId z = SINGLE_ZONE.get(jurisdiction);
    if (z == null && jurisdiction.length() > 2 && !jurisdiction.startsWith("US")) {
      z = SINGLE_ZONE.get(jurisdiction.substring(0, 2));
    }
    return z;
  }

  /** The local date and time at {@code at} in {@code zone}. */
  static LocalDateTime local(OffsetDateTime at, ZoneId zone) {
    long second = at.toEpochSecond();
    Tail tail = tail(zone);
    ZoneOffset offset = second >= tail.since() ? tail.offset() : zone.getRules().getOffset(at.toInstant());
    return LocalDateTime.ofEpochSecond(second, at.getNano(), offset);
  }

  /** The local date at {@code instant} in {@code zone}. */
  public static LocalDate localDate(Instant instant, ZoneId zone) {
    long second = instant.getEpochSecond();
    Tail tail = tail(zone);
    ZoneOffset offset = second >= tail.since() ? tail.offset() : zone.getRules().getOffset(instant);
    return LocalDate.ofEpochDay(Math.floorDiv(second + offset.getTotalSeconds(), DAY));
  }

  /** The first instant of {@code date} in {@code zone}, as {@link LocalDate#atStartOfDay(ZoneId)} gives it. */
  public static Instant startOfDay(LocalDate date, ZoneId zone) {
    Tail tail = tail(zone);
    long second = date.toEpochDay() * DAY - tail.offset().getTotalSeconds();
    return second >= tail.since() ? Instant.ofEpochSecond(second) : date.atStartOfDay(zone).toInstant();
  }

  private static Tail tail(ZoneId zone) {
    Tail tail = last;
    if (tail != null && tail.zone() == zone) {
      return tail;
    }
    if (zone instanceof ZoneOffset offset) {
      return new Tail(zone, Long.MIN_VALUE, offset);
    }
    tail = TAILS.computeIfAbsent(zone, Zones::readTail);
    last = tail;
    return tail;
  }

  private static Tail readTail(ZoneId zone) {
    ZoneRules rules = zone.getRules();
    if (rules.isFixedOffset()) {
      return new Tail(zone, Long.MIN_VALUE, rules.getOffset(Instant.EPOCH));
    }
    List<ZoneOffsetTransition> transitions = rules.getTransitions();
    if (!rules.getTransitionRules().isEmpty() || transitions.isEmpty()) {
      return new Tail(zone, Long.MAX_VALUE, ZoneOffset.UTC);
    }
    ZoneOffsetTransition lastChange = transitions.get(transitions.size() - 1);
    // Two days after the last transition, no local date or midnight can be ambiguous or skipped any more.
    return new Tail(zone, lastChange.toEpochSecond() + 2 * DAY, lastChange.getOffsetAfter());
  }
}
