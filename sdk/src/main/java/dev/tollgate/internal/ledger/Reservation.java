package dev.tollgate.internal.ledger;

import dev.tollgate.CallRequest;
import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.PolicyEvaluationException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A call decided on a person's contacts and, if allowed, recorded in the ledger in one atomic step: of any
 * number of concurrent calls to one person, on any engines sharing the ledger, exactly as many pass as the
 * caps leave room for.
 *
 * <p>A denial records nothing, so it needs no lock: it is the answer the call had when the contacts were
 * read. Only a call that this first read allows is decided again under the ledger's lock, and recorded;
 * with many clients calling one person at the cap, the lock is then held only by calls that may pass. A
 * retry of a request id decides without the contact its first attempt recorded.
 *
 * <p>Stateless and thread-safe.
 */
public final class Reservation {
  private Reservation() {}

  /** What a reservation asks of the engine. */
  public interface Decider {
    /** The decision on the call with these earlier contacts. */
    Decision decide(List<ContactLedger.Entry> earlier);

    /** The DENY for a ledger that failed. */
    Decision failed(RuntimeException e);

    /** The DENY for a call whose own values the ledger refused. */
    Decision refused(String message);
  }

  /**
   * Decides the call recorded as {@code entry} on the contacts of {@code subject} the decision can count,
   * and records it if the decision allows it.
   *
   * @param started when the decision began ({@link System#nanoTime}): the ledger's timeout bounds both reads
   * @return the decision; the decider's {@code failed} or {@code refused} one if the ledger failed or refused
   * @throws PolicyEvaluationException as the decider throws it
   */
  public static Decision decideAndRecord(WindowedLedger history, ContactLedger.Entry entry, String subject,
      Instant since, Set<CallRequest.Outcome> keepForever, long started, Decider decider) {
    List<ContactLedger.Entry> seen;
    Decision first;
    try {
      seen = earlier(history.entries(subject, since, keepForever, started), entry.id());
      first = decider.decide(seen);
    } catch (PolicyEvaluationException e) {
      throw e;
    } catch (RuntimeException e) {
      return decider.failed(e);
    }
    if (!first.isAllowed()) {
      return first;
    }
    Decision[] reserved = new Decision[1];
    try {
      history.reserve(subject, since, keepForever, entries -> {
        List<ContactLedger.Entry> earlier = earlier(entries, entry.id());
        reserved[0] = earlier.equals(seen) ? first : decider.decide(earlier);
        return reserved[0].isAllowed() ? entry : null;
      }, started);
    } catch (PolicyEvaluationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // The ledger refused the request's own values: its id is another person's contact.
      return decider.refused("$.id: " + e.getMessage());
    } catch (RuntimeException e) {
      return decider.failed(e);
    }
    return reserved[0];
  }

  /** The contacts other than the request's own (recorded by an earlier attempt of the same request id). */
  private static List<ContactLedger.Entry> earlier(List<ContactLedger.Entry> entries, String id) {
    for (ContactLedger.Entry e : entries) {
      if (e.id().equals(id)) {
        return entries.stream().filter(x -> !x.id().equals(id)).toList();
      }
    }
    return entries;
  }
}
