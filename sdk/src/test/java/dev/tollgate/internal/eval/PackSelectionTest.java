package dev.tollgate.internal.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.Request;
import dev.tollgate.rules.RequestType;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackLoader;
import dev.tollgate.rules.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackSelectionTest {
  private static final Path PACKS = Path.of("src/test/resources/packs/demo-calls");

  /** demo-calls 1.0.0 (from 2020-01-01) and 2.0.0 (from 2026-01-01), with {@code from} replaced by {@code to} in 2.0.0. */
  private static List<RulePack> versions(String from, String to) throws IOException {
    String v2 = Files.readString(PACKS.resolve("2.0.0/pack.yaml")).replace(from, to);
    return List.of(RulePackLoader.parse("1.0.0/pack.yaml", Files.readAllBytes(PACKS.resolve("1.0.0/pack.yaml"))),
        RulePackLoader.parse("2.0.0/pack.yaml", v2.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static Request call(String jurisdiction) {
    return call(jurisdiction, "2026-02-01T10:00:00+08:00");
  }

  private static Request call(String jurisdiction, String at) {
    return Request.fromJson("""
        {"type": "call", "id": "c-1", "at": "%s", "jurisdiction": "%s",
         "purpose": "MARKETING", "product": "consumer-loan", "voice": "HUMAN",
         "caller": {"organization": "Example Bank", "realNameRegistered": true, "numberType": "FIXED"},
         "callee": {"subject": "p-42", "dataSource": "FIRST_PARTY", "consent": {"marketingCalls": "GRANTED"}}}
        """.formatted(at, jurisdiction));
  }

  @Test
  void select_takesTheHighestVersionInForceOnTheDay() throws IOException {
    PackSelection selection = new PackSelection(versions("", ""), Map.of());
    assertArrayEquals(new boolean[] {false, true},
        selection.select(call("CN"), RequestType.CALL, LocalDate.parse("2026-02-01")));
    assertArrayEquals(new boolean[] {true, false},
        selection.select(call("CN"), RequestType.CALL, LocalDate.parse("2025-12-31")));
    assertArrayEquals(new boolean[] {false, false},
        selection.select(call("CN"), RequestType.CALL, LocalDate.parse("2019-12-31")));
  }

  @Test
  void select_pinnedVersion_isTheOnlyOneConsidered() throws IOException {
    PackSelection selection = new PackSelection(versions("", ""), Map.of("demo-calls", Version.parse("1.0.0")));
    assertArrayEquals(new boolean[] {true, false},
        selection.select(call("CN"), RequestType.CALL, LocalDate.parse("2026-02-01")));
  }

  @Test
  void select_newestVersionDroppingAJurisdiction_doesNotFallBackToAnOlderOne() throws IOException {
    PackSelection hk = new PackSelection(versions("jurisdiction: CN", "jurisdiction: HK"), Map.of());
    assertArrayEquals(new boolean[] {false, false},
        hk.select(call("CN"), RequestType.CALL, LocalDate.parse("2026-02-01")));
    assertArrayEquals(new boolean[] {false, true},
        hk.select(call("HK"), RequestType.CALL, LocalDate.parse("2026-02-01")));
  }

  @Test
  void lawDay_isReadInTheJurisdictionsZone() {
    // 20:00 UTC on 31 January is 04:00 on 1 February in Beijing.
    assertEquals(LocalDate.parse("2026-02-01"), PackSelection.lawDay(call("CN", "2026-01-31T20:00:00Z")));
    // The US has several zones and this callee names none: the offset written in 'at' decides.
    assertEquals(LocalDate.parse("2026-01-31"), PackSelection.lawDay(call("US", "2026-01-31T20:00:00Z")));
  }
}
