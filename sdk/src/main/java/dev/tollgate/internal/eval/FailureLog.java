package dev.tollgate.internal.eval;

import dev.tollgate.CallRequest;
import dev.tollgate.DataShareRequest;
import dev.tollgate.Request;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a decision that failed closed, with its decision id, the request's id and the cause, and without
 * the request's personal data: a database driver may quote the row it could not lock (H2 quotes the
 * subject), so every value of the request that names a person is masked in the cause's messages.
 */
final class FailureLog {
  /** Named after the facade, which is what an operator knows and configures. */
  private static final Logger LOG = LoggerFactory.getLogger("dev.tollgate.PolicyEngine");
  private static final String MASK = "***";

  private FailureLog() {}

  /** Logs a decision that failed closed; {@code request} may be null (JSON that could not be read). */
  static void failedClosed(String decisionId, String requestId, Request request, Throwable cause) {
    if (!LOG.isWarnEnabled()) {
      return;
    }
    List<String> personal = request == null ? List.of() : personalValues(request);
    Throwable masked = masked(cause, personal, 0);
    LOG.warn("decision {} for {} request {} failed closed with TOLLGATE-EVALUATION-ERROR: {}", decisionId,
        request == null ? "an unread" : request instanceof CallRequest ? "call"
            : request instanceof dev.tollgate.MessageRequest ? "message" : "data-share", requestId,
        masked.getMessage(), masked);
  }

  /** The request's values that identify a person or an account: what a log must not carry. */
  private static List<String> personalValues(Request request) {
    List<String> values = new ArrayList<>();
    if (request instanceof CallRequest c) {
      if (c.callee() != null) {
        values.add(c.callee().subject());
      }
      if (c.caller() != null) {
        values.add(c.caller().number());
        values.add(c.caller().displayedNumber());
      }
      if (c.debt() != null) {
        values.add(c.debt().id());
      }
    } else if (request instanceof dev.tollgate.MessageRequest m) {
      values.add(m.recipient().subject());
      values.add(m.sender().number());
      values.add(m.text());
      if (m.debt() != null) {
        values.add(m.debt().id());
      }
    } else if (request instanceof DataShareRequest d && d.recipient() != null) {
      values.add(d.recipient().id());
    }
    values.removeIf(v -> v == null || v.isEmpty());
    return values;
  }

  /**
   * A copy of the cause chain whose messages name each original exception's class and have the personal
   * values masked, with the original stack traces.
   */
  private static Throwable masked(Throwable cause, List<String> personal, int depth) {
    String message = cause.getMessage();
    if (message != null) {
      for (String value : personal) {
        message = message.replace(value, MASK);
      }
    }
    Throwable next = cause.getCause();
    // A cause chain is short; the bound only guards against a cycle a broken exception could build.
    Throwable maskedNext = next == null || next == cause || depth > 20 ? null : masked(next, personal, depth + 1);
    MaskedCause copy = new MaskedCause(cause.getClass().getName() + (message == null ? "" : ": " + message), maskedNext);
    copy.setStackTrace(cause.getStackTrace());
    return copy;
  }

  /** Stands in for a logged exception, whose own message may quote personal data. */
  private static final class MaskedCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MaskedCause(String message, Throwable cause) {
      super(message, cause, false, true);
    }

    @Override
    public String toString() {
      // The original's class and message, as a stack trace prints them, without this wrapper's name.
      return getMessage();
    }
  }
}
