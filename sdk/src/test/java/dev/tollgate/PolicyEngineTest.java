package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.RulePackException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyEngineTest {
  static final Path PACKS = Path.of("src/test/resources/packs");
  static final PolicyEngine ENGINE = PolicyEngine.builder().packs(PACKS).build();

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  /** A marketing call in China with consent, at 10:00 Beijing time on the given day, with fields replaced. */
  static String call(String at, Map<String, String> replace) {
    String json = """
        {"type": "call", "id": "c-1", "at": "%sT10:00:00+08:00", "jurisdiction": "CN",
         "purpose": "MARKETING", "product": "consumer-loan", "voice": "HUMAN",
         "caller": {"organization": "Example Bank", "realNameRegistered": true, "numberType": "FIXED"},
         "callee": {"subject": "p-42", "dataSource": "FIRST_PARTY", "consent": {"marketingCalls": "GRANTED"}}}
        """.formatted(at);
    for (Map.Entry<String, String> e : replace.entrySet()) {
      assertTrue(json.contains(e.getKey()), e.getKey());
      json = json.replace(e.getKey(), e.getValue());
    }
    return json;
  }

  static Decision decide(String at, Map<String, String> replace) {
    return ENGINE.decideJson(call(at, replace));
  }

  @Test
  void decide_consentGranted_allowsCitingNoRule() {
    Decision d = decide("2025-03-01", Map.of());
    assertEquals(Decision.Verdict.ALLOW, d.verdict(), d.toString());
    assertEquals(List.of(), d.ruleIds());
    assertEquals(List.of("demo-calls"), d.packs().stream().map(Decision.PackRef::id).toList());
    assertTrue(d.packs().get(0).digest().matches("sha256:[0-9a-f]{64}"));
  }

  @Test
  void decide_consentRefused_deniesCitingConsentRule() {
    Decision d = decide("2025-03-01", Map.of("\"GRANTED\"", "\"REFUSED\""));
    assertEquals(Decision.Verdict.DENY, d.verdict());
    assertEquals(List.of("CN-TEST-CONSENT"), d.ruleIds());
    Finding f = d.findings().get(0);
    assertEquals("demo-calls@1.0.0", f.pack());
    assertEquals("第一条", f.citation().article());
    assertEquals("https://example.org/law", f.citation().url());
    assertEquals("No consent", f.message().en());
  }

  @Test
  void decide_consentAbsent_isUnknownNotYes() {
    Decision d = decide("2025-03-01", Map.of(", \"consent\": {\"marketingCalls\": \"GRANTED\"}", ""));
    assertEquals(List.of("CN-TEST-CONSENT"), d.ruleIds());
  }

  @Test
  void decide_quietHoursFromParameters_wrapPastMidnightInCalleeZone() {
    assertEquals(List.of("CN-TEST-QUIET"), decide("2025-03-01", Map.of("T10:00:00+08:00", "T22:00:00+08:00")).ruleIds());
    assertEquals(List.of("CN-TEST-QUIET"), decide("2025-03-01", Map.of("T10:00:00+08:00", "T07:59:59+08:00")).ruleIds());
    assertEquals(List.of(), decide("2025-03-01", Map.of("T10:00:00+08:00", "T08:00:00+08:00")).ruleIds());
    assertEquals(List.of(), decide("2025-03-01", Map.of("T10:00:00+08:00", "T21:59:59+08:00")).ruleIds());
    // 14:30 UTC is 22:30 in Beijing.
    assertEquals(List.of("CN-TEST-QUIET"), decide("2025-03-01", Map.of("T10:00:00+08:00", "T14:30:00Z")).ruleIds());
    // The callee's own zone wins over the jurisdiction's.
    assertEquals(List.of(), decide("2025-03-01", Map.of("T10:00:00+08:00", "T22:30:00+08:00",
        "\"subject\": \"p-42\"", "\"subject\": \"p-42\", \"timeZone\": \"Europe/Berlin\"")).ruleIds());
  }

  @Test
  void decide_ruleEffectiveDates_areInclusiveFromTheFirstDay() {
    Map<String, String> ai = Map.of("\"HUMAN\"", "\"AI_SYNTHETIC\"");
    assertEquals(List.of(), decide("2025-08-31", ai).ruleIds());
    Decision d = decide("2025-09-01", ai);
    assertEquals(List.of("CN-TEST-LABEL"), d.ruleIds());
    assertEquals(Decision.Verdict.ALLOW, d.verdict());
    assertEquals(List.of(new Decision.Obligation("CN-TEST-LABEL", "PLAY_AI_LABEL", Map.of("positions", List.of("START")))),
        d.obligations());
  }

  @Test
  void decide_effectiveDates_areReadInTheJurisdictionsZoneWhateverOffsetAtUses() {
    Map<String, String> service = Map.of("\"HUMAN\"", "\"AI_SYNTHETIC\"", "\"MARKETING\"", "\"SERVICE\"");
    // 20:00 UTC on 31 August is 04:00 on 1 September in Beijing, when the label rule is in force.
    assertEquals(List.of("CN-TEST-LABEL", "CN-TEST-SHADOW"),
        ENGINE.decideJson(call("2025-08-31", service).replace("T10:00:00+08:00", "T20:00:00Z")).ruleIds());
    assertEquals(List.of("CN-TEST-SHADOW"),
        ENGINE.decideJson(call("2025-08-31", service).replace("T10:00:00+08:00", "T15:59:59Z")).ruleIds());
    assertEquals(List.of("CN-TEST-SHADOW"),
        ENGINE.decideJson(call("2025-09-01", service).replace("T10:00:00+08:00", "T00:30:00+14:00")).ruleIds());
  }

  @Test
  void decide_newestVersionNoLongerCoveringTheJurisdiction_doesNotFallBackToAnOlderOne(@TempDir Path tmp)
      throws java.io.IOException {
    Path v1 = java.nio.file.Files.createDirectories(tmp.resolve("demo-calls/1.0.0"));
    Path v2 = java.nio.file.Files.createDirectories(tmp.resolve("demo-calls/2.0.0"));
    java.nio.file.Files.copy(PACKS.resolve("demo-calls/1.0.0/pack.yaml"), v1.resolve("pack.yaml"));
    java.nio.file.Files.writeString(v2.resolve("pack.yaml"), java.nio.file.Files.readString(
        PACKS.resolve("demo-calls/2.0.0/pack.yaml")).replace("jurisdiction: CN", "jurisdiction: HK"));
    try (PolicyEngine engine = PolicyEngine.builder().packs(tmp).build()) {
      assertEquals(List.of("TOLLGATE-NO-APPLICABLE-PACK"), engine.decideJson(call("2026-02-01", Map.of())).ruleIds());
      assertEquals("1.0.0", engine.decideJson(call("2025-12-31", Map.of())).packs().get(0).version());
    }
  }

  @Test
  void decide_shadowRule_isReportedButDoesNotDecide() {
    Decision d = decide("2025-03-01", Map.of("\"MARKETING\"", "\"SERVICE\""));
    assertEquals(List.of("CN-TEST-SHADOW"), d.ruleIds());
    assertTrue(d.findings().get(0).shadow());
    assertEquals(Decision.Verdict.ALLOW, d.verdict());
    assertTrue(d.toJson().contains("\"shadow\":true"), d.toJson());
  }

  @Test
  void decide_nestedAnyAndNot_match() {
    assertEquals(List.of("CN-TEST-WARN"), decide("2025-03-01", Map.of("\"FIXED\"", "\"VIRTUAL_OPERATOR\"")).ruleIds());
    Decision d = decide("2025-03-01", Map.of("\"realNameRegistered\": true, ", ""));
    assertEquals(List.of("CN-TEST-WARN"), d.ruleIds());
    assertEquals(Decision.Verdict.ALLOW, d.verdict(), "a WARN does not deny");
  }

  @Test
  void decide_stringThatLooksLikeCode_isComparedAsData() {
    Decision d = decide("2025-03-01", Map.of("\"consumer-loan\"", "\"x\\\"); System.exit(1); //\""));
    assertEquals(List.of("CN-TEST-CODE"), d.ruleIds());
  }

  @Test
  void decide_highestVersionInForce_winsAndPinOverrides() {
    Map<String, String> bought = Map.of("\"FIRST_PARTY\"", "\"PURCHASED\"");
    assertEquals(List.of(), decide("2025-12-31", bought).ruleIds());
    Decision d = decide("2026-01-01", bought);
    assertEquals(List.of("CN-TEST-V2-ONLY"), d.ruleIds());
    assertEquals("2.0.0", d.packs().get(0).version());
    try (PolicyEngine pinned = PolicyEngine.builder().packs(PACKS).pin("demo-calls@1.0.0").build()) {
      Decision p = pinned.decideJson(call("2026-01-01", bought));
      assertEquals(List.of(), p.ruleIds());
      assertEquals("1.0.0", p.packs().get(0).version());
    }
  }

  @Test
  void decide_noPackForJurisdiction_deniesFailClosed() {
    Decision d = decide("2025-03-01", Map.of("\"CN\"", "\"DE\""));
    assertEquals(Decision.Verdict.DENY, d.verdict());
    assertEquals(List.of("TOLLGATE-NO-APPLICABLE-PACK"), d.ruleIds());
    assertEquals("tollgate", d.findings().get(0).pack());
  }

  @Test
  void decide_beforeAnyPackIsInForce_deniesFailClosed() {
    assertEquals(List.of("TOLLGATE-NO-APPLICABLE-PACK"), decide("2019-12-31", Map.of()).ruleIds());
  }

  @Test
  void decide_localTimeInJurisdictionWithManyZones_needsCalleeTimeZone() {
    Map<String, String> us = Map.of("\"CN\"", "\"US-FL\"", "T10:00:00+08:00", "T10:00:00-05:00");
    Decision d = decide("2025-03-01", us);
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), d.ruleIds());
    assertTrue(d.findings().get(0).message().en().contains("$.callee.timeZone"), d.toString());
    Decision withZone = decide("2025-03-01", Map.of("\"CN\"", "\"US-FL\"", "T10:00:00+08:00", "T21:30:00-05:00",
        "\"subject\": \"p-42\"", "\"subject\": \"p-42\", \"timeZone\": \"America/New_York\""));
    assertEquals(List.of("US-TEST-HOURS"), withZone.ruleIds(), "the US pack covers US-FL");
  }

  @Test
  void decide_phoneNumberOrEmptySubject_isAnInvalidRequestNamingTheSubject() {
    for (String subject : List.of("4155552671", "tel:+8613800138000", "(415) 555-2671", "１３８００１３８０００", "13800138000@x",
        "p:13800138000", "", " ")) {
      String json = call("2025-03-01", Map.of("\"subject\": \"p-42\"", "\"subject\": \"" + subject + "\""));
      String problem = subject.isBlank() ? "$.callee.subject: is empty" : "$.callee.subject: looks like a phone number";
      assertInvalid(json, problem);
      Decision d = ENGINE.decide(TestRequests.withSubject((CallRequest) Request.fromJson(call("2025-03-01", Map.of())), subject));
      assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), d.ruleIds(), subject);
      assertTrue(d.findings().get(0).message().en().startsWith("Invalid request: " + problem), d.toString());
      assertFalse(subject.length() > 1 && d.toString().contains(subject), "the number is not echoed");
    }
  }

  @Test
  void decideJson_badInput_deniesNamingThePath() {
    assertInvalid(call("2025-03-01", Map.of("\"marketingCalls\"", "\"marketingCall\"")),
        "$.callee.consent.marketingCall: unknown field 'marketingCall'");
    assertInvalid(call("2025-03-01", Map.of("\"GRANTED\"", "\"YES\"")),
        "$.callee.consent.marketingCalls: 'YES' is not one of GRANTED, REFUSED, NONE");
    assertInvalid(call("2025-03-01", Map.of("\"subject\": \"p-42\", ", "")), "$.callee.subject: required field 'subject' is missing");
    assertInvalid(call("2025-03-01", Map.of("\"id\": \"c-1\", ", "")), "$.id: required field 'id' is missing");
    assertInvalid(call("2025-03-01", Map.of("+08:00\"", "\"")), "$.at: ");
    assertInvalid(call("2025-03-01", Map.of("\"call\"", "\"sms\"")), "$.type: 'sms' is not a request type");
    assertInvalid(call("2025-03-01", Map.of("\"realNameRegistered\": true", "\"realNameRegistered\": \"true\"")),
        "$.caller.realNameRegistered: ");
    assertInvalid(call("2025-03-01", Map.of("\"CN\"", "\"china\"")), "$.jurisdiction: 'china' is not an ISO 3166 code");
    assertInvalid("{\"type\": \"call\", ", "$: malformed JSON");
    assertInvalid(call("2025-03-01", Map.of("\"purpose\": \"MARKETING\"", "\"purpose\": \"MARKETING\", \"purpose\": \"SERVICE\"")),
        "$: ");
  }

  @Test
  void decideJson_invalidButReadable_echoesIdAndAt() {
    Decision d = ENGINE.decideJson(call("2025-03-01", Map.of("\"GRANTED\"", "\"YES\"")));
    assertEquals("c-1", d.requestId());
    assertEquals(java.time.OffsetDateTime.parse("2025-03-01T10:00:00+08:00"), d.at());
    assertNull(d.allowedFields());
    Decision share = ENGINE.decideJson("{\"type\": \"data-share\", \"id\": \"s-9\", \"fields\": 3}");
    assertEquals("s-9", share.requestId());
    assertEquals(List.of(), share.allowedFields(), "a share denied as a whole allows no field");
    Decision garbage = ENGINE.decideJson("{\"type\": ");
    assertNull(garbage.requestId());
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), garbage.ruleIds());
  }

  private static void assertInvalid(String json, String messageStart) {
    Decision d = ENGINE.decideJson(json);
    assertEquals(Decision.Verdict.DENY, d.verdict());
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), d.ruleIds());
    String en = d.findings().get(0).message().en();
    assertTrue(en.startsWith("Invalid request: " + messageStart), en);
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Request.fromJson(json));
    assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
  }

  @Test
  void decide_failure_deniesByDefaultAndThrowsWhenAsked() {
    Clock broken = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneId.of("UTC");
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        throw new IllegalStateException("clock unavailable");
      }
    };
    try (PolicyEngine denying = PolicyEngine.builder().packs(PACKS).clock(broken).build()) {
      Decision d = denying.decideJson(call("2025-03-01", Map.of()));
      assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), d.ruleIds());
      assertEquals(Decision.Verdict.DENY, d.verdict());
    }
    try (PolicyEngine throwing = PolicyEngine.builder().packs(PACKS).clock(broken).onError(PolicyEngine.OnError.THROW).build()) {
      PolicyEvaluationException e = assertThrows(PolicyEvaluationException.class,
          () -> throwing.decideJson(call("2025-03-01", Map.of())));
      assertEquals("clock unavailable", e.getCause().getMessage());
    }
  }

  @Test
  void decide_afterClose_failsClosed() {
    PolicyEngine closed = PolicyEngine.builder().packs(PACKS).build();
    closed.close();
    Decision d = closed.decideJson(call("2025-03-01", Map.of()));
    assertEquals(List.of("TOLLGATE-EVALUATION-ERROR"), d.ruleIds());
    assertEquals(Decision.Verdict.DENY, d.verdict());
  }

  @Test
  void toJson_decision_followsTheContract() {
    Decision d = decide("2025-09-01", Map.of("\"GRANTED\"", "\"REFUSED\"", "\"HUMAN\"", "\"AI_SYNTHETIC\""));
    String json = d.toJson();
    assertTrue(json.startsWith("{\"id\":\"c-1\",\"decisionId\":\"" + d.decisionId() + "\",\"decision\":\"DENY\","
        + "\"at\":\"2025-09-01T10:00:00+08:00\",\"packs\":[{\"id\":\"demo-calls\",\"version\":\"1.0.0\",\"digest\":\"sha256:"), json);
    assertTrue(json.contains("\"findings\":[{\"rule\":\"CN-TEST-CONSENT\",\"effect\":\"DENY\",\"pack\":\"demo-calls@1.0.0\","
        + "\"citation\":{\"instrument\":\"测试法\",\"article\":\"第一条\",\"url\":\"https://example.org/law\"},"
        + "\"message\":{\"zh\":\"无同意\",\"en\":\"No consent\"}}"), json);
    assertTrue(json.contains("\"obligations\":[{\"rule\":\"CN-TEST-LABEL\",\"action\":\"PLAY_AI_LABEL\",\"params\":{\"positions\":[\"START\"]}}]"), json);
    assertFalse(json.contains("allowedFields"), json);
    assertFalse(json.contains("shadow"), json);
    assertTrue(d.decisionId().matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), d.decisionId());
  }

  @Test
  void builder_misuse_isRejectedWithExactMessages() {
    assertEquals("no packs: call bundledPacks() or packs(path)",
        assertThrows(IllegalStateException.class, () -> PolicyEngine.builder().build()).getMessage());
    assertEquals("pack demo-calls was already pinned to 1.0.0", assertThrows(IllegalStateException.class,
        () -> PolicyEngine.builder().pin("demo-calls@1.0.0").pin("demo-calls@2.0.0")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> PolicyEngine.builder().pin("demo-calls"));
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> PolicyEngine.builder().packs(PACKS).pin("demo-calls@9.9.9").build());
    assertTrue(missing.getMessage().startsWith("pinned pack demo-calls@9.9.9 is not loaded"), missing.getMessage());
  }

  @Test
  void build_badPack_throwsWithEveryProblem() {
    RulePackException e = assertThrows(RulePackException.class,
        () -> PolicyEngine.builder().packs(Path.of("../rules/src/test/resources/bad-packs/conditions/pack.yaml")).build());
    assertEquals(9, e.problems().size(), e.getMessage());
  }

  @Test
  void decide_request_recordsBuiltInJavaDecideLikeJson() {
    CallRequest request = (CallRequest) Request.fromJson(call("2025-03-01", Map.of("\"GRANTED\"", "\"NONE\"")));
    CallRequest copy = new CallRequest(request.id(), request.at(), request.jurisdiction(), request.purpose(),
        request.product(), request.voice(), request.interactive(), request.aiLabel(), request.caller(), request.callee(),
        request.debt(), request.script(), request.history());
    assertEquals(ENGINE.decide(request).ruleIds(), ENGINE.decide(copy).ruleIds());
    assertEquals(List.of("CN-TEST-CONSENT"), ENGINE.decide(copy).ruleIds());
    NullPointerException npe = assertThrows(NullPointerException.class, () -> new CallRequest("x", request.at(), "CN",
        null, null, CallRequest.Voice.HUMAN, null, null, request.caller(), request.callee(), null, null, null));
    assertEquals("purpose", npe.getMessage());
    assertNull(ENGINE.decide(copy).allowedFields());
  }
}
