package dev.tollgate.examples.springcrm;

import dev.tollgate.CallRequest;
import dev.tollgate.Decision;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /calls} with a call request (the contract's JSON): decides it and records it in the ledger
 * in one step; if allowed, dials and records how the call ended. Answers 200 with the outcome and the
 * decision, or 403 with the decision that refused the call.
 */
@RestController
class CallController {
  private final PolicyEngine engine;
  private final Dialer dialer;

  CallController(PolicyEngine engine, Dialer dialer) {
    this.engine = engine;
    this.dialer = dialer;
  }

  @PostMapping(path = "/calls", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> call(@RequestBody String json) {
    Request request;
    try {
      request = Request.fromJson(json);
    } catch (InvalidRequestException e) {
      return ResponseEntity.badRequest().body(engine.decideJson(json).toJson());
    }
    if (!(request instanceof CallRequest call)) {
      return ResponseEntity.badRequest().body("{\"error\":\"POST /calls takes a call request\"}");
    }
    Decision decision = engine.decideAndRecord(call);
    if (!decision.isAllowed()) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(decision.toJson());
    }
    CallRequest.Outcome outcome = dialer.dial(call);
    engine.ledger().recordOutcome(call.id(), outcome);
    return ResponseEntity.ok("{\"outcome\":\"" + outcome + "\",\"decision\":" + decision.toJson() + "}");
  }
}
