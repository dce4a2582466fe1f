package dev.tollgate.rulepacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.PolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A data share decided by an engine with every bundled pack, as a CRM embedding Tollgate would run it. */
class AllPacksDataShareTest {
  private static final PolicyEngine ENGINE = PolicyEngine.builder().bundledPacks().build();
  private static final Path SAMPLE = Path.of("../examples/requests/data-share-partly-necessary.json");

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  @Test
  void decide_samplePartlyNecessaryShare_deniesTheExtraFieldsAndAllowsTheRest() throws IOException {
    Decision d = ENGINE.decideJson(Files.readString(SAMPLE));
    assertEquals(List.of("cn-aigc-labeling", "cn-pipl-data-sharing"), d.packs().stream().map(Decision.PackRef::id).toList());
    // contacts_list is sensitive (GB/T 35273-2020 annex B), and the share's contract basis skips the
    // separate consent only on a contested reading, which the WARN marks.
    assertEquals(List.of("CN-PIPL-MIN-NECESSARY", "CN-PIPL-SENSITIVE-NOTICE", "CN-PIPL-BASIS-NOT-CONSENT-REVIEW"),
        d.ruleIds());
    assertEquals(List.of(List.of("id_number", "contacts_list"), List.of("id_number", "contacts_list"),
        List.of("id_number", "contacts_list")), d.findings().stream().map(Finding::fields).toList());
    assertEquals(List.of("name", "mobile", "amount_due", "due_date"), d.allowedFields());
  }

  @Test
  void decide_sampleShrunkToTheAllowedFields_isAllowed() throws IOException {
    String shrunk = Files.readString(SAMPLE).replace(", \"id_number\", \"contacts_list\"]", "]");
    Decision d = ENGINE.decideJson(shrunk);
    assertEquals(Decision.Verdict.ALLOW, d.verdict(), d.toString());
    assertEquals(List.of("name", "mobile", "amount_due", "due_date"), d.allowedFields());
  }

  @Test
  void decide_shareWithAnUnlabelledAiFile_isDecidedByBothPacks() throws IOException {
    String withFile = Files.readString(SAMPLE).replace("\"impactAssessment\": true,",
        "\"impactAssessment\": true, \"content\": [{\"name\": \"script.wav\", \"kind\": \"AUDIO\","
            + " \"aiGenerated\": true, \"explicitLabel\": false}],");
    Decision d = ENGINE.decideJson(withFile);
    assertEquals(List.of("CN-AIGC-LABEL-EXPORT", "CN-AIGC-IMPLICIT-METADATA", "CN-PIPL-MIN-NECESSARY",
        "CN-PIPL-SENSITIVE-NOTICE", "CN-PIPL-BASIS-NOT-CONSENT-REVIEW"), d.ruleIds());
    assertEquals(List.of(), d.allowedFields(), "an unlabelled file is a reason against the share as a whole");
  }

  @Test
  void decide_unknownField_isInvalidNamingThePiplPack() throws IOException {
    Decision d = ENGINE.decideJson(Files.readString(SAMPLE).replace("\"contacts_list\"", "\"contacts\""));
    assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), d.ruleIds());
    String message = d.findings().get(0).message().en();
    assertTrue(message.startsWith("Invalid request: $.fields[5]: 'contacts' is not a field of pack"
        + " cn-pipl-data-sharing's vocabulary (name, gender, "), message);
  }
}
