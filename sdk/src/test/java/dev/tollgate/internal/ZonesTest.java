package dev.tollgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZonesTest {
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Shanghai"), ZoneId.of("Asia/Kolkata"),
      ZoneId.of("Asia/Tokyo"), ZoneId.of("Europe/Berlin"), ZoneId.of("Europe/London"), ZoneId.of("America/New_York"),
      ZoneId.of("Australia/Lord_Howe"), ZoneId.of("UTC"), ZoneOffset.ofHours(8), ZoneOffset.ofHoursMinutes(-9, -30));

  @Test
  void localTimesAndMidnights_areThoseOfJavaTime_inEveryKindOfZone() {
    Random random = new Random(19910915);
    // The last clock change in China was on 1991-09-15; the instants cover it closely and decades each side.
    long shanghaiLast = OffsetDateTime.parse("1991-09-15T02:00+09:00").toEpochSecond();
    for (int n = 0; n < 200_000; n++) {
      long second = n % 2 == 0
          ? shanghaiLast - 4 * 86_400 + random.nextInt(8 * 86_400)
          : -2_208_988_800L + (long) (random.nextDouble() * 6_311_390_400L);
      Instant instant = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
      ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
      OffsetDateTime at = instant.atOffset(ZoneOffset.ofHours(random.nextInt(27) - 12));
      assertEquals(at.atZoneSameInstant(zone).toLocalDateTime(), Zones.local(at, zone), () -> at + " " + zone);
      LocalDate date = instant.atZone(zone).toLocalDate();
      assertEquals(date, Zones.localDate(instant, zone), () -> instant + " " + zone);
      assertEquals(date.atStartOfDay(zone).toInstant(), Zones.startOfDay(date, zone), () -> date + " " + zone);
      LocalDate later = date.plusDays(random.nextInt(40) - 20);
      assertEquals(later.atStartOfDay(zone).toInstant(), Zones.startOfDay(later, zone), () -> later + " " + zone);
    }
  }
}
