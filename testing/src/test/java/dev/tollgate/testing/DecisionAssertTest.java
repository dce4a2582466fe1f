package dev.tollgate.testing;

import static dev.tollgate.testing.DecisionAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class DecisionAssertTest {
  private static final PolicyEngine ENGINE = PolicyEngine.builder().packs(Path.of("src/test/resources/packs")).build();

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  private static Decision call(String consent) {
    return ENGINE.decideJson("""
        {"type": "call", "id": "crm-7", "at": "2025-03-03T10:00:00+08:00", "jurisdiction": "CN",
         "purpose": "MARKETING", "voice": "HUMAN", "caller": {"organization": "Bank"},
         "callee": {"subject": "p", "consent": {"marketingCalls": "%s"}}}""".formatted(consent));
  }

  @Test
  void assertThat_matchingDecision_passesEveryStep() {
    assertThat(call("REFUSED")).isDenied().cites("CN-TEST-CONSENT").citesExactly("CN-TEST-CONSENT").doesNotCite("CN-TEST-OTHER");
    assertThat(call("GRANTED")).isAllowed().citesExactly().doesNotCite("CN-TEST-CONSENT");
  }

  @Test
  void isAllowed_deniedDecision_failsShowingTheFindings() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(call("REFUSED")).isAllowed());
    assertTrue(e.getMessage().startsWith("expected ALLOW but was DENY\ndecision DENY for request crm-7"), e.getMessage());
    assertTrue(e.getMessage().contains("CN-TEST-CONSENT DENY [demo@1.0.0]: No consent"), e.getMessage());
  }

  @Test
  void cites_ruleNotAmongFindings_failsNamingIt() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> assertThat(call("REFUSED")).isDenied().cites("CN-TEST-CONSENT", "CN-TEST-OTHER"));
    assertTrue(e.getMessage().startsWith("expected findings citing [CN-TEST-CONSENT, CN-TEST-OTHER] but [CN-TEST-OTHER] missing"),
        e.getMessage());
  }

  @Test
  void citesExactly_extraFinding_fails() {
    assertThrows(AssertionFailedError.class, () -> assertThat(call("REFUSED")).citesExactly());
  }

  @Test
  void hasObligationAndAllowsFields_callWithoutThem_fail() {
    assertThrows(AssertionFailedError.class, () -> assertThat(call("GRANTED")).hasObligation("PLAY_AI_LABEL"));
    assertThrows(AssertionFailedError.class, () -> assertThat(call("GRANTED")).allowsFields("name"));
    assertThrows(AssertionFailedError.class, () -> assertThat(call("GRANTED")).isNextAllowedAt("2025-03-04T08:00:00+08:00"));
  }
}
