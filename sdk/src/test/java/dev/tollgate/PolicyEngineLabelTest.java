package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The pack-language terms that AI-content labelling needs, through the public engine. */
class PolicyEngineLabelTest {
  private static final PolicyEngine ENGINE = PolicyEngine.builder().packs(Path.of("src/test/resources/label-packs")).build();

  private static final String CALL = """
      {"type": "call", "id": "c-1", "at": "2025-09-02T10:00:00+08:00", "jurisdiction": "CN",
       "purpose": "SERVICE", "voice": "AI_SYNTHETIC",
       "aiLabel": {"spokenText": "本通话由人工智能合成", "positions": ["START", "END"], "charsPerMinute": 140},
       "caller": {"organization": "Example Bank"}, "callee": {"subject": "p-1"}}
      """;

  private static final String SHARE = """
      {"type": "data-share", "id": "s-1", "at": "2025-09-02T10:00:00+08:00", "jurisdiction": "CN",
       "purpose": "MARKETING_OUTREACH", "recipient": {"id": "agency-1", "role": "ENTRUSTED"}, "fields": ["name"],
       "content": [FILES]}
      """;

  private static final String LABELLED_AI = """
      {"name": "a.wav", "kind": "AUDIO", "aiGenerated": true, "explicitLabel": true,
       "metadata": {"AIGC": "{\\"Label\\":\\"1\\",\\"ContentProducer\\":\\"P1\\",\\"ProduceID\\":\\"X1\\"}"}}""";
  private static final String UNLABELLED_HUMAN = """
      {"name": "b.txt", "kind": "TEXT", "aiGenerated": false, "explicitLabel": false}""";

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  private static Decision call(String from, String to) {
    return ENGINE.decideJson(CALL.replace(from, to));
  }

  private static Decision share(String... files) {
    return ENGINE.decideJson(SHARE.replace("FILES", String.join(", ", files)));
  }

  @Test
  void decide_validSpokenLabel_allowsAndCopiesRequestValuesIntoTheObligation() {
    Decision d = call("", "");
    assertEquals(Decision.Verdict.ALLOW, d.verdict(), d.toString());
    assertEquals(List.of("CN-TEST-PLAY"), d.ruleIds());
    Decision.Obligation o = d.obligations().get(0);
    assertEquals("PLAY_AI_LABEL", o.action());
    assertEquals(Map.of("positions", List.of("START", "END"), "rate", new java.math.BigDecimal("140"), "volume", "loud"),
        o.params());
    assertTrue(d.toJson().contains("\"params\":{\"positions\":[\"START\",\"END\"],\"rate\":140,\"volume\":\"loud\"}"),
        d.toJson());
  }

  @Test
  void decide_requestWithoutTheReferencedField_leavesTheParameterOut() {
    Decision d = call("\"positions\": [\"START\", \"END\"], \"charsPerMinute\": 140", "\"positions\": [\"START\"]");
    assertEquals(Map.of("positions", List.of("START"), "volume", "loud"), d.obligations().get(0).params());
  }

  @Test
  void decide_spokenLabelWithoutGenerationElement_deniesWithContainsAny() {
    assertEquals(List.of("CN-TEST-SPOKEN", "CN-TEST-PLAY"), call("人工智能合成", "人工智能客服").ruleIds());
    assertEquals(List.of("CN-TEST-PLAY"), call("人工智能合成", "AI生成").ruleIds());
  }

  @Test
  void decide_rhythmInAnySpelling_isComparedAfterNormalisation() {
    String noText = "\"spokenText\": \"本通话由人工智能合成\"";
    assertEquals(List.of("CN-TEST-PLAY"), call(noText, "\"rhythm\": \"·— ··\"").ruleIds());
    assertEquals(List.of("CN-TEST-PLAY"), call(noText, "\"rhythm\": \"短长短短\"").ruleIds());
    assertEquals(List.of("CN-TEST-SPOKEN", "CN-TEST-PLAY"), call(noText, "\"rhythm\": \". - . .\"").ruleIds());
  }

  @Test
  void decide_callRulesOfAMixedPack_doNotApplyToDataShares() {
    Decision d = share(LABELLED_AI);
    assertEquals(Decision.Verdict.ALLOW, d.verdict(), d.toString());
    assertEquals(List.of("CN-TEST-HAS-FILES"), d.ruleIds());
  }

  @Test
  void decide_eachFileJudgedAlone_labelledAiAndUnlabelledHumanFilePass() {
    assertEquals(List.of("CN-TEST-HAS-FILES"), share(LABELLED_AI, UNLABELLED_HUMAN).ruleIds());
  }

  @Test
  void decide_oneFileFailing_deniesTheShare() {
    String unlabelledAi = UNLABELLED_HUMAN.replace("\"aiGenerated\": false", "\"aiGenerated\": true");
    assertEquals(List.of("CN-TEST-FILE", "CN-TEST-HAS-FILES"), share(LABELLED_AI, unlabelledAi).ruleIds());
    String badLabel = LABELLED_AI.replace("\\\"Label\\\":\\\"1\\\"", "\\\"Label\\\":\\\"7\\\"");
    assertEquals(List.of("CN-TEST-FILE", "CN-TEST-HAS-FILES"), share(badLabel).ruleIds());
  }

  @Test
  void decide_noFiles_matchesNoQuantifier() {
    Decision d = ENGINE.decideJson(SHARE.replace(",\n \"content\": [FILES]", ""));
    assertEquals(List.of(), d.ruleIds(), d.toString());
    assertEquals(List.of("CN-TEST-HAS-FILES"), share().ruleIds(), "an empty list is present");
  }
}
