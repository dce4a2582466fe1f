package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests that a hostile or broken client sends: each is a DENY citing TOLLGATE-INVALID-REQUEST
 * naming the field, never an ALLOW, and {@link Request#fromJson} refuses it with the same message.
 */
class HostileRequestTest {
  private static final String SHARE = """
      {"type": "data-share", "id": "s-1", "at": "2025-03-01T10:00:00+08:00", "jurisdiction": "CN",
       "purpose": "REPAYMENT_REMINDER", "recipient": {"id": "vendor-1", "role": "ENTRUSTED", "country": "CN"},
       "fields": ["mobile", "name"], "subjects": {"count": 1000}, "retention": {"days": 30}}
      """;

  private static void assertRefused(String json, String messageStart) {
    Decision d = PolicyEngineTest.ENGINE.decideJson(json);
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), d.ruleIds(), json);
    String en = d.findings().get(0).message().en();
    assertTrue(en.startsWith("Invalid request: " + messageStart), en);
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Request.fromJson(json));
    assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
  }

  private static String call(String from, String to) {
    return PolicyEngineTest.call("2025-03-01", Map.of(from, to));
  }

  @Test
  void aDateOrZoneThatIsNotText_isRefused() {
    assertTrue(PolicyEngineTest.ENGINE.decideJson(call("", "")).isAllowed(), "the unchanged call is allowed");
    assertRefused(call("\"2025-03-01T10:00:00+08:00\"", "1740794400"),
        "$.at: '1740794400' is not a valid date-time with offset");
    assertRefused(call("\"2025-03-01T10:00:00+08:00\"", "[2025, 3, 1, 10, 0]"), "$.at: ");
    String dnc = "\"subject\": \"p-42\", \"doNotCall\": {\"registryListedOn\": %s}";
    assertTrue(PolicyEngineTest.ENGINE.decideJson(call("\"subject\": \"p-42\"", dnc.formatted("\"2024-01-01\"")))
        .isAllowed());
    assertRefused(call("\"subject\": \"p-42\"", dnc.formatted("19723")), "$.callee.doNotCall.registryListedOn: '19723'");
    assertRefused(call("\"subject\": \"p-42\"", dnc.formatted("[2024, 1, 1]")), "$.callee.doNotCall.registryListedOn: ");
  }

  @Test
  void controlCharactersAndBrokenText_areRefused_namingTheField() {
    assertRefused(call("\"subject\": \"p-42\"", "\"subject\": \"p-42\", \"timeZone\": \"Asia/Shanghai\\u0000\""),
        "$.callee.timeZone: ");
    assertRefused(call("\"c-1\"", "\"c-\\u00001\""), "$.id: contains the control character U+0000");
    assertRefused(call("\"consumer-loan\"", "\"consumer\uFFFDloan\""), "$.product: contains U+FFFD");
    assertRefused(call("\"consumer-loan\"", "\"consumer\\ud800loan\""), "$.product: contains half of a UTF-16 surrogate pair");
    assertTrue(PolicyEngineTest.ENGINE.decideJson(call("\"consumer-loan\"", "\"消费贷\\ud83d\\ude00\\tloan\"")).isAllowed(),
        "paired surrogates and tabs are text");
    assertTrue(PolicyEngineTest.ENGINE.decideJson(call("\"consumer-loan\"", "\"consumer\\u001floan\"")).isAllowed(),
        "other control characters are text for the rules to judge (GB 45438's metadata must be printable ASCII)");
  }

  @Test
  void negativeCounts_areRefused() {
    assertTrue(PolicyEngineTest.ENGINE.decideJson(SHARE).isAllowed());
    assertRefused(SHARE.replace("\"count\": 1000", "\"count\": -1"), "$.subjects.count: must not be negative");
    assertRefused(SHARE.replace("\"days\": 30", "\"days\": -30"), "$.retention.days: must not be negative");
  }
}
