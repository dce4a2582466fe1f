package dev.tollgate.examples.springcrm;

import dev.tollgate.CallRequest;

/** Places a call and tells how it ended; a real CRM's telephony sits behind this. */
public interface Dialer {
  CallRequest.Outcome dial(CallRequest call);
}
