package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.Problem;
import dev.tollgate.rules.RulePackException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {
  static final Path PACKS = Path.of("src/test/resources/window-packs");

  static String floridaCall(int earlierCalls) {
    StringBuilder history = new StringBuilder();
    for (int i = 0; i < earlierCalls; i++) {
      history.append(i == 0 ? "" : ",").append("""
          {"at": "2026-03-10T0%d:00:00-04:00", "purpose": "MARKETING", "product": "auto-loan", "outcome": "NO_ANSWER"}
          """.formatted(i + 1));
    }
    return """
        {"type": "call", "id": "o-1", "at": "2026-03-10T14:00:00-04:00", "jurisdiction": "US-FL", "purpose": "MARKETING",
         "product": "auto-loan", "voice": "HUMAN", "caller": {"organization": "Example"},
         "callee": {"subject": "p-1", "timeZone": "America/New_York"}, "history": [%s]}
        """.formatted(history);
  }

  @Test
  void overrides_lowerCap_changesTheDecisionAndIsRecorded(@TempDir Path dir) throws IOException {
    Path overlay = Files.writeString(dir.resolve("caps.yaml"), "us-fl-demo:\n  us.fl.maxCallsPer24h: 2\n");
    try (PolicyEngine engine = PolicyEngine.builder().packs(PACKS).overrides(overlay).build();
        PolicyEngine plain = PolicyEngine.builder().packs(PACKS).build()) {
      assertEquals(List.of(), plain.decideJson(floridaCall(2)).ruleIds());
      Decision d = engine.decideJson(floridaCall(2));
      assertEquals(List.of("US-FL-3PER24H"), d.ruleIds());
      assertEquals(List.of(new Decision.ParameterOverride("us-fl-demo@1.0.0", "us.fl.maxCallsPer24h", new BigDecimal("2"),
          overlay.toString())), d.overrides());
      assertTrue(d.toJson().contains("\"overrides\":[{\"pack\":\"us-fl-demo@1.0.0\",\"parameter\":\"us.fl.maxCallsPer24h\","
          + "\"value\":2,"), d.toJson());
      assertTrue(plain.decideJson(floridaCall(2)).overrides().isEmpty());
      assertTrue(!plain.decideJson(floridaCall(2)).toJson().contains("overrides"));
    }
  }

  @Test
  void overrides_onlyThePacksInForceAreListed(@TempDir Path dir) throws IOException {
    Path overlay = Files.writeString(dir.resolve("caps.yaml"), "us-fl-demo:\n  us.fl.maxCallsPer24h: 2\n");
    try (PolicyEngine engine = PolicyEngine.builder().packs(PACKS).overrides(overlay).build()) {
      Decision outsideFlorida = engine.decideJson(floridaCall(0).replace("\"US-FL\"", "\"US\""));
      assertEquals(List.of(), outsideFlorida.overrides());
    }
  }

  @Test
  void overrides_badOverlay_reportsEveryProblemAtItsLine(@TempDir Path dir) throws IOException {
    Path overlay = Files.writeString(dir.resolve("bad.yaml"), String.join("\n",
        "us-fl-demo:",
        "  us.fl.maxCallsPer24: 2",
        "us-fl-dem:",
        "  x: 1",
        "us-regf-demo:",
        "  anything: 1",
        "") + "");
    Path wrongType = Files.writeString(dir.resolve("wrong.yaml"), "us-fl-demo:\n  us.fl.maxCallsPer24h: \"three\"\n");
    Path notWhole = Files.writeString(dir.resolve("half.yaml"), "us-fl-demo:\n  us.fl.maxCallsPer24h: 2.5\n");
    RulePackException e = assertThrows(RulePackException.class,
        () -> PolicyEngine.builder().packs(PACKS).overrides(overlay).build());
    List<String> found = e.problems().stream().map(p -> p.line() + ":" + p.column() + " " + p.code()).toList();
    assertEquals(List.of("2:3 unknown_parameter", "3:1 unknown_pack", "6:3 unknown_parameter"), found, e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'us.fl.maxCallsPer24h'?"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'us-fl-demo'?"), e.getMessage());
    Problem type = assertThrows(RulePackException.class,
        () -> PolicyEngine.builder().packs(PACKS).overrides(wrongType).build()).problems().get(0);
    assertEquals("wrong_type", type.code());
    assertEquals(2, type.line());
    Problem half = assertThrows(RulePackException.class,
        () -> PolicyEngine.builder().packs(PACKS).overrides(notWhole).build()).problems().get(0);
    assertEquals("invalid_value", half.code());
    assertTrue(half.toString().startsWith(notWhole + ":2:"), half.toString());
    assertTrue(half.message().contains("window cap"), half.message());
  }

  @Test
  void overrides_twice_isRefused() {
    PolicyEngine.Builder b = PolicyEngine.builder().overrides(Path.of("a.yaml"));
    assertThrows(IllegalStateException.class, () -> b.overrides(Path.of("b.yaml")));
  }
}
