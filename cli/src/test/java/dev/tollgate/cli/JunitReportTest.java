package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class JunitReportTest {
  @Test
  void timestamp_onTheMinute_keepsTheSecondsTheSchemaRequires() {
    assertEquals("2026-12-06T04:34:00", JunitReport.timestamp(LocalDateTime.of(2026, 12, 6, 4, 34, 0, 0)));
  }

  @Test
  void timestamp_dropsFractionsOfASecond() {
    assertEquals("2026-12-06T04:34:07", JunitReport.timestamp(LocalDateTime.of(2026, 12, 6, 4, 34, 7, 999_000_000)));
  }
}
