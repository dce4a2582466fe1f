package dev.tollgate.internal;

import dev.tollgate.CallRequest;
import dev.tollgate.MessageRequest;
import dev.tollgate.Request;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What rolling windows and {@code nextAllowedAt} read of a request that reaches a person (a call
 * or a message): its product, debt and history, and a copy of it at another instant. Stateless.
 */
public final class ContactRequests {
  private ContactRequests() {}

  /** Whether requests like this one carry a contact history. */
  public static boolean reachesPerson(Request r) {
    return r instanceof CallRequest || r instanceof MessageRequest;
  }

  public static String product(Request r) {
    return r instanceof MessageRequest m ? m.product() : ((CallRequest) r).product();
  }

  public static String debt(Request r) {
    if (r instanceof MessageRequest m) {
      return m.debt() == null ? null : m.debt().id();
    }
    CallRequest c = (CallRequest) r;
    return c.debt() == null ? null : c.debt().id();
  }

  public static List<CallRequest.Contact> history(Request r) {
    return r instanceof MessageRequest m ? m.history() : ((CallRequest) r).history();
  }

  /** The same request at another instant, in its own offset. */
  public static Request at(Request r, Instant instant) {
    OffsetDateTime at = instant.atOffset(r.at().getOffset());
    if (r instanceof MessageRequest m) {
      return new MessageRequest(m.id(), at, m.jurisdiction(), m.channel(), m.purpose(), m.product(), m.sender(),
          m.text(), m.aiGenerated(), m.voiceNote(), m.recipient(), m.debt(), m.history());
    }
    CallRequest c = (CallRequest) r;
    return new CallRequest(c.id(), at, c.jurisdiction(), c.purpose(), c.product(), c.voice(), c.interactive(),
        c.aiLabel(), c.caller(), c.callee(), c.debt(), c.script(), c.history());
  }
}
