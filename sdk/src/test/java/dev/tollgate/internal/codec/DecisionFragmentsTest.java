package dev.tollgate.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.rules.Citation;
import dev.tollgate.rules.Effect;
import dev.tollgate.rules.Text;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decision JSON written from kept fragments is the contract JSON, the first time and every time after. */
class DecisionFragmentsTest {
  private static final Citation CITATION = new Citation("个人信息保护法", "第二十五条", "https://example.org/a?b=c&d");
  private static final Text MESSAGE = new Text("须取得\"单独\"同意。", "Needs \"separate\" consent.\n");

  private static Decision decision(String id, List<Finding> findings) {
    return new Decision(id, "01a20343-4305-7a15-887c-ab637dff032d", Decision.Verdict.DENY,
        OffsetDateTime.of(2025, 9, 2, 21, 30, 0, 0, ZoneOffset.ofHours(8)),
        List.of(new Decision.PackRef("cn-pipl", "1.0.0", "sha256:00ff")), findings,
        List.of(new Decision.Obligation("R-1", "PLAY_AI_LABEL", Map.of("text", "本次通话由AI发起"))), null, null, null,
        null);
  }

  @Test
  void toJson_keptPacksFindingsAndObligations_writeTheContractJsonEveryTime() {
    Finding plain = new Finding("R-1", Effect.DENY, "p@1.0.0", CITATION, MESSAGE, false);
    Finding shadow = new Finding("R-2", Effect.WARN, "p@1.0.0", CITATION, MESSAGE, true);
    Finding fields = new Finding("R-3", Effect.DENY, "p@1.0.0", CITATION, MESSAGE, false, List.of("name", "a\"b"));
    String finding = "\"effect\":\"%s\",\"pack\":\"p@1.0.0\",\"citation\":{\"instrument\":\"个人信息保护法\","
        + "\"article\":\"第二十五条\",\"url\":\"https://example.org/a?b=c&d\"},\"message\":{\"zh\":\"须取得\\\"单独\\\"同意。\","
        + "\"en\":\"Needs \\\"separate\\\" consent.\\n\"}";
    for (String id : List.of("call-1", "call-2", "call-1")) {
      assertEquals("{\"id\":\"" + id + "\",\"decisionId\":\"01a20343-4305-7a15-887c-ab637dff032d\",\"decision\":\"DENY\","
          + "\"at\":\"2025-09-02T21:30:00+08:00\",\"packs\":[{\"id\":\"cn-pipl\",\"version\":\"1.0.0\","
          + "\"digest\":\"sha256:00ff\"}],\"findings\":["
          + "{\"rule\":\"R-1\"," + finding.formatted("DENY") + "},"
          + "{\"rule\":\"R-2\"," + finding.formatted("WARN") + ",\"shadow\":true},"
          + "{\"rule\":\"R-3\"," + finding.formatted("DENY") + ",\"fields\":[\"name\",\"a\\\"b\"]}],"
          + "\"obligations\":[{\"rule\":\"R-1\",\"action\":\"PLAY_AI_LABEL\",\"params\":{\"text\":\"本次通话由AI发起\"}}]}",
          decision(id, List.of(plain, shadow, fields)).toJson());
    }
  }
}
