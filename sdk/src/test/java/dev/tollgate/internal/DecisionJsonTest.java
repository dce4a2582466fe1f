package dev.tollgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.rules.Citation;
import dev.tollgate.rules.Effect;
import dev.tollgate.rules.Text;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast writer writes the bytes Jackson writes, for every shape of decision and every text. */
class DecisionJsonTest {
  private static final Citation CITATION = new Citation("中华人民共和国个人信息保护法", "第二十五条", "https://example.org/a?b=c&d");
  private static final Text MESSAGE = new Text("公开个人信息须取得个人的单独同意。", "Publishing needs \"separate\" consent.");
  private static final OffsetDateTime AT = OffsetDateTime.of(2025, 9, 2, 21, 30, 0, 0, ZoneOffset.ofHours(8));

  private static void assertSameAsJackson(Decision decision) {
    // As the text Jackson writes is printed: an unpaired surrogate becomes '?'.
    String jackson = new String(RequestCodec.writeDecision(decision).getBytes(StandardCharsets.UTF_8),
        StandardCharsets.UTF_8);
    assertEquals(jackson, new String(DecisionJson.write(decision), StandardCharsets.UTF_8));
    // Twice: the second time from the kept bytes.
    assertEquals(jackson, new String(decision.toJsonUtf8(), StandardCharsets.UTF_8));
  }

  private static Decision decision(String id, OffsetDateTime at, List<Finding> findings, List<String> allowed,
      OffsetDateTime next) {
    return new Decision(id, "01a20343-4305-7a15-887c-ab637dff032d", Decision.Verdict.DENY, at,
        List.of(new Decision.PackRef("cn-pipl", "1.0.0", "sha256:00ff"), new Decision.PackRef("x", "2.0.0", "sha256:1")),
        findings, List.of(), allowed, next, null, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "call-1", "a\"b", "a\\b", "a/b", "tab\there", "nl\nx", "cr\rx", "bs\bx", "ff\fx",
      "nul\u0000x", "unit\u001fx", "del\u007fx", "é", "中文", "\u2028\u2029", "emoji 😀", "lone \ud800 high",
      "lone at end \ud800", "lone \udc00 low", "reversed \udc00\ud800", "\ufeff", "\uffff", "<script>&'"})
  void write_anyText_sameAsJackson(String text) {
    Finding fields = new Finding("R-FIELDS", Effect.DENY, "p@1.0.0", CITATION, MESSAGE, false, List.of(text, "name"));
    assertSameAsJackson(decision(text, AT, List.of(fields), List.of("name", text), null));
  }

  @Test
  void write_everyShape_sameAsJackson() {
    Finding plain = new Finding("R-1", Effect.DENY, "p@1.0.0", CITATION, MESSAGE, false);
    Finding shadow = new Finding("R-2", Effect.WARN, "p@1.0.0", new Citation("i", "a", null), MESSAGE, true);
    Finding fields = new Finding("R-3", Effect.DENY, "p@1.0.0", CITATION, MESSAGE, true, List.of());
    Finding system = SystemFindings.invalidRequest("$.at: 'x\"y' is not a valid date-time");
    Finding plainSystem = SystemFindings.noApplicablePack("call", "US", AT);
    Finding odd = new Finding("TOLLGATE-X", Effect.WARN, SystemFindings.PACK, CITATION, MESSAGE, true, List.of("a"));
    assertSameAsJackson(decision("id", AT, List.of(plainSystem, odd, plainSystem), null, null));
    assertSameAsJackson(decision(null, null, List.of(), null, null));
    assertSameAsJackson(decision("id", AT, List.of(plain, shadow, fields, system), List.of(), AT.plusMinutes(5)));
    assertSameAsJackson(new Decision("id", "d", Decision.Verdict.ALLOW, AT, List.of(), List.of(), List.of(), null, null,
        null, null));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("key", "AIGC");
    params.put("required", List.of("Label", "ContentProducer"));
    params.put("count", 3);
    params.put("ratio", new BigDecimal("0.50"));
    params.put("none", null);
    params.put("nested", Map.of("a", true));
    assertSameAsJackson(new Decision("id", "d", Decision.Verdict.ALLOW, AT, List.of(), List.of(plain),
        List.of(new Decision.Obligation("R-1", "PLAY", params), new Decision.Obligation("R-2", "NOTHING", Map.of())),
        List.of("a"), null, null, null));
    assertSameAsJackson(new Decision("id", "d", Decision.Verdict.DENY, AT, List.of(), List.of(), List.of(), null, null,
        List.of(new Decision.ParameterOverride("p@1.0.0", "cap", 3, "overrides.yaml")), null));
    assertSameAsJackson(decision("id", AT, List.of(plain), List.of("a"), AT).withBundle("2025-10-01.1"));
    assertSameAsJackson(decision("id", AT, List.of(plain), null, null).withBundle("r\"\u00e9"));
  }

  @Test
  void write_anyDateTime_sameAsJackson() {
    SplittableRandom random = new SplittableRandom(7);
    List<OffsetDateTime> times = new ArrayList<>(Arrays.asList(OffsetDateTime.MIN, OffsetDateTime.MAX,
        OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
        OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.ofHoursMinutes(-5, -30)),
        OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
        OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(1, 2, 3))));
    int[] nanos = {0, 1, 10, 100_000, 500_000_000, 123_456_789, 120_000_000, 999_999_999, 1_000};
    for (int i = 0; i < 2_000; i++) {
      times.add(OffsetDateTime.of(random.nextInt(-50, 12_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
          random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos[random.nextInt(nanos.length)],
          ZoneOffset.ofTotalSeconds(random.nextInt(4) == 0 ? 0 : 60 * random.nextInt(-18 * 60, 18 * 60 + 1))));
    }
    for (OffsetDateTime t : times) {
      assertSameAsJackson(decision("id", t, List.of(), null, t));
    }
  }
}
