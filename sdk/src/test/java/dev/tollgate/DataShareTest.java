package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DataShareTest {
  private static final String SHARE = """
      {"type": "data-share", "id": "s-1", "at": "2025-03-01T10:00:00+08:00", "jurisdiction": "CN",
       "purpose": "REPAYMENT_REMINDER", "recipient": {"id": "vendor-1", "role": "ENTRUSTED", "country": "CN"},
       "fields": ["mobile", "name"], "subjects": {"count": 1000}}
      """;

  private static final PolicyEngine ENGINE = PolicyEngine.builder().packs(PolicyEngineTest.PACKS).build();

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  private static Decision decide(String from, String to) {
    return ENGINE.decideJson(SHARE.replace(from, to));
  }

  @Test
  void decide_entrustedShareOfNecessaryFields_allows() {
    Decision d = decide("", "");
    assertEquals(Decision.Verdict.ALLOW, d.verdict(), d.toString());
    assertEquals(List.of("demo-share"), d.packs().stream().map(Decision.PackRef::id).toList());
  }

  @Test
  void decide_independentRecipientWithoutSeparateConsent_denies() {
    assertEquals(List.of("CN-TEST-SEPARATE-CONSENT"), decide("\"ENTRUSTED\"", "\"INDEPENDENT\"").ruleIds());
    assertEquals(List.of(), decide("\"ENTRUSTED\"}", "\"INDEPENDENT\"}, \"consent\": {\"separateForSharing\": true}")
        .ruleIds());
  }

  @Test
  void decide_listFieldContainingAValue_matches() {
    assertEquals(List.of("CN-TEST-CONTACTS"), decide("\"name\"]", "\"name\", \"contacts_list\"]").ruleIds());
  }

  @Test
  void decide_recipientAbroadWithoutMechanism_deniesUsingDerivedCrossBorderFact() {
    assertEquals(List.of("CN-TEST-CROSS-BORDER"), decide("\"country\": \"CN\"", "\"country\": \"SG\"").ruleIds());
    assertEquals(List.of(), decide("\"country\": \"CN\"}", "\"country\": \"SG\"}, \"crossBorder\": {\"mechanism\": \"STANDARD_CONTRACT\"}")
        .ruleIds());
  }

  @Test
  void decide_shareWithoutRequiredFields_isInvalidNamingThePath() {
    Decision d = decide("\"fields\": [\"mobile\", \"name\"], ", "");
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), d.ruleIds());
    assertEquals("Invalid request: $.fields: required field 'fields' is missing", d.findings().get(0).message().en());
  }
}
