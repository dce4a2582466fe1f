package dev.tollgate.examples;

import dev.tollgate.CallRequest;
import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.PolicyEngine;
import java.time.OffsetDateTime;
import java.util.List;

/** Asks the bundled packs whether a CRM may place a marketing call, and prints why not. */
public final class FirstDecision {
  private FirstDecision() {}

  public static void main(String[] args) {
    // Build once at start-up and share: the engine is immutable and thread-safe.
    try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().build()) {
      CallRequest call = new CallRequest(
          "crm-call-0001",
          OffsetDateTime.parse("2025-09-02T21:30:00+08:00"),
          "CN",
          CallRequest.Purpose.MARKETING,
          "consumer-loan",
          CallRequest.Voice.HUMAN,
          false,
          null,
          new CallRequest.Caller("Example Consumer Finance", true, "+862151234567", CallRequest.NumberType.FIXED,
              "+862151234567", true),
          new CallRequest.Callee("person-7f3a", null, CallRequest.Relationship.CUSTOMER,
              CallRequest.DataSource.FIRST_PARTY,
              new CallRequest.Consent(CallRequest.ConsentState.REFUSED, null, null, null, null), null),
          null,
          null,
          List.of());

      Decision decision = engine.decide(call);

      System.out.println(decision.verdict() + " " + decision.requestId());
      for (Finding f : decision.findings()) {
        System.out.println("  " + f.rule() + " (" + f.citation().instrument() + " " + f.citation().article() + "): "
            + f.message().en());
      }
    }
  }
}
