package dev.tollgate.examples.springcrm;

import dev.tollgate.CallRequest;
import org.springframework.stereotype.Component;

/** Stands in for telephony: every call is answered. */
@Component
class DemoDialer implements Dialer {
  @Override
  public CallRequest.Outcome dial(CallRequest call) {
    return CallRequest.Outcome.CONVERSATION;
  }
}
