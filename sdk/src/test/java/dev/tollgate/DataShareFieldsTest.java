package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Field-by-field decisions of data shares: allowedFields, the fields of each finding, and the vocabulary. */
class DataShareFieldsTest {
  private static final PolicyEngine ENGINE =
      PolicyEngine.builder().packs(Path.of("src/test/resources/field-packs")).build();

  private static final String SHARE = """
      {"type": "data-share", "id": "f-1", "at": "2025-03-01T10:00:00+08:00", "jurisdiction": "CN",
       "purpose": "REMINDER", "recipient": {"id": "vendor-1", "role": "ENTRUSTED"},
       "fields": FIELDS, "impactAssessment": true}
      """;

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  private static Decision decide(String fields) {
    return ENGINE.decideJson(SHARE.replace("FIELDS", fields));
  }

  private static Finding finding(Decision d, String rule) {
    return d.findings().stream().filter(f -> f.rule().equals(rule)).findFirst().orElseThrow(() -> new AssertionError(d));
  }

  @Test
  void decide_necessaryFieldsOnly_allowsEveryField() {
    Decision d = decide("[\"name\", \"mobile\"]");
    assertEquals(Decision.Verdict.ALLOW, d.verdict(), d.toString());
    assertEquals(List.of("name", "mobile"), d.allowedFields());
  }

  @Test
  void decide_fieldsBeyondThePurpose_deniesNamingThemAndAllowsTheRest() {
    Decision d = decide("[\"contacts_list\", \"name\", \"mobile\", \"face_image\"]");
    assertEquals(Decision.Verdict.DENY, d.verdict());
    assertEquals(List.of("contacts_list", "face_image"), finding(d, "CN-TEST-NECESSARY").fields());
    assertEquals(List.of("face_image"), finding(d, "CN-TEST-SENSITIVE").fields());
    assertEquals(List.of("name", "mobile"), d.allowedFields());
  }

  @Test
  void decide_tableEntryFollowsThePurpose_allowsIdNumberOnlyForScoring() {
    Decision scoring = ENGINE.decideJson(SHARE.replace("FIELDS", "[\"name\", \"id_number\"]")
        .replace("\"REMINDER\"", "\"SCORING\"").replace("\"impactAssessment\"", "\"consent\": {\"separateForSensitive\": true}, \"impactAssessment\""));
    assertEquals(Decision.Verdict.ALLOW, scoring.verdict(), scoring.toString());
    Decision reminder = decide("[\"name\", \"id_number\"]");
    assertEquals(List.of("id_number"), finding(reminder, "CN-TEST-NECESSARY").fields());
  }

  @Test
  void decide_warnAboutAField_keepsItAllowedAndNamesIt() {
    Decision d = ENGINE.decideJson(SHARE.replace("FIELDS", "[\"name\", \"contacts_list\"]")
        .replace("\"REMINDER\"", "\"SCORING\""));
    assertEquals(List.of("CN-TEST-NECESSARY", "CN-TEST-CONTACTS-WARN"), d.ruleIds());
    assertEquals(List.of("contacts_list"), finding(d, "CN-TEST-CONTACTS-WARN").fields());
    assertEquals(List.of("name"), d.allowedFields(), "the DENY, not the WARN, removes contacts_list");
  }

  @Test
  void decide_shadowRuleAboutAField_neverRemovesIt() {
    Decision d = decide("[\"name\", \"mobile\"]");
    assertEquals(List.of("CN-TEST-FACE-SHADOW"), d.ruleIds());
    assertTrue(d.findings().get(0).shadow());
    assertEquals(List.of("name", "mobile"), d.allowedFields());
  }

  @Test
  void decide_denyAboutTheWholeShare_allowsNoField() {
    Decision d = ENGINE.decideJson(SHARE.replace("FIELDS", "[\"name\", \"mobile\"]").replace("true}", "false}"));
    assertEquals(Decision.Verdict.DENY, d.verdict());
    assertNull(finding(d, "CN-TEST-PIA").fields());
    assertEquals(List.of(), d.allowedFields());
  }

  @Test
  void decide_anyWithAHoldingPartAboutTheWholeShare_objectsToEveryField() {
    Decision d = ENGINE.decideJson(SHARE.replace("FIELDS", "[\"name\", \"face_image\"]")
        .replace("\"impactAssessment\"", "\"subjects\": {\"includesMinorsUnder14\": true}, \"impactAssessment\""));
    assertNull(finding(d, "CN-TEST-SENSITIVE").fields(), d.toString());
    assertEquals(List.of(), d.allowedFields());
  }

  @Test
  void decide_unknownField_isInvalidNamingTheValueAndThePack() {
    Decision d = decide("[\"name\", \"mobile\", \"contacts\"]");
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), d.ruleIds());
    assertEquals("Invalid request: $.fields[2]: 'contacts' is not a field of pack demo-fields's vocabulary"
        + " (name, mobile, id_number, face_image, contacts_list)", d.findings().get(0).message().en());
    assertEquals(List.of(), d.allowedFields());
  }

  @Test
  void decide_unknownPurposeAndField_namesEveryUnknownValue() {
    Decision d = ENGINE.decideJson(SHARE.replace("FIELDS", "[\"nam\"]").replace("\"REMINDER\"", "\"SALES\""));
    assertEquals("Invalid request: $.purpose: 'SALES' is not a purpose of pack demo-fields's vocabulary"
        + " (REMINDER, SCORING); $.fields[0]: 'nam' is not a field of pack demo-fields's vocabulary"
        + " (name, mobile, id_number, face_image, contacts_list)", d.findings().get(0).message().en());
  }

  @Test
  void decide_unknownFieldAsARecord_isInvalidToo() {
    DataShareRequest r = new DataShareRequest("f-2", java.time.OffsetDateTime.parse("2025-03-01T10:00:00+08:00"), "CN",
        "REMINDER", new DataShareRequest.Recipient("v", DataShareRequest.Role.ENTRUSTED, null, null),
        List.of("iris_scan"), null, null, null, null, true, null, null, null, null);
    Decision d = ENGINE.decide(r);
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), d.ruleIds());
    assertTrue(d.findings().get(0).message().en().contains("'iris_scan' is not a field of pack demo-fields"), d.toString());
  }

  @Test
  void toJson_fieldSpecificFinding_carriesItsFieldsAndTheAllowedFields() {
    String json = decide("[\"name\", \"contacts_list\"]").toJson();
    assertTrue(json.contains("\"fields\":[\"contacts_list\"]"), json);
    assertTrue(json.contains("\"allowedFields\":[\"name\"]"), json);
  }

  @Test
  void decide_call_hasNoAllowedFields() {
    Decision d = PolicyEngineTest.ENGINE.decideJson("""
        {"type": "call", "id": "c-1", "at": "2025-03-03T10:00:00+08:00", "jurisdiction": "CN",
         "purpose": "SERVICE", "voice": "HUMAN", "caller": {"organization": "bank"}, "callee": {"subject": "p-1"}}
        """);
    assertNull(d.allowedFields(), d.toString());
  }
}
