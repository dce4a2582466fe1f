package dev.tollgate.internal;

import java.time.ZoneId;
import java.util.Map;

/** The time zone of a jurisdiction that has exactly one; those with several have none here. */
final class Zones {
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
  static ZoneId singleZone(String jurisdiction) {
    ZoneId z = SINGLE_ZONE.get(jurisdiction);
    if (z == null && jurisdiction.length() > 2 && !jurisdiction.startsWith("US")) {
      z = SINGLE_ZONE.get(jurisdiction.substring(0, 2));
    }
    return z;
  }
}
