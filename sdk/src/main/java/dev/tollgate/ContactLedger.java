package dev.tollgate;

import dev.tollgate.internal.ledger.InMemoryLedger;
import dev.tollgate.internal.ledger.JdbcLedger;
import dev.tollgate.internal.ledger.ObservedLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The contacts made with each person, shared by every engine that uses the same store, so that rolling
 * caps hold across a fleet of CRM nodes. A call or message request without {@code history} is decided
 * against the ledger's contacts of its subject; {@code PolicyEngine.decideAndRecord} decides a call, or a
 * message, and records it atomically as a contact on its channel.
 *
 * <pre>{@code
 * ContactLedger ledger = ContactLedger.jdbc(dataSource);   // PostgreSQL or H2; schema created or migrated
 * PolicyEngine engine = PolicyEngine.builder().bundledPacks().ledger(ledger).build();
 * Decision d = engine.decideAndRecord(call);
 * if (d.isAllowed()) {
 *   // ... place the call, then:
 *   ledger.recordOutcome(call.id(), CallRequest.Outcome.NO_ANSWER);
 * }
 * }</pre>
 *
 * <p>Only the pseudonymous subject id is stored, never a phone number: a subject that looks like one is
 * refused. Implementations are thread-safe. A store failure is a {@link LedgerException}; the engine turns
 * it into a DENY citing {@code TOLLGATE-EVALUATION-ERROR}.
 *
 * <p>The methods below {@link #recordOutcome} are what an engine needs of a store; implement them to put
 * the ledger somewhere else.
 */
public interface ContactLedger {

  /** A ledger in this process's memory: the default of an engine, shared only by engines given the same one. */
  static ContactLedger inMemory() {
    return new InMemoryLedger();
  }

  /**
   * A ledger in a PostgreSQL or H2 database; creates or migrates its tables ({@code tollgate_*}) before it
   * returns. Use a pooled data source with an acquisition timeout well under the ledger's; every operation
   * borrows a connection and returns it. An operation, and a decision that reads the ledger, gives up after
   * 5 seconds, however the database fails.
   *
   * @throws LedgerException if the database cannot be reached, is neither PostgreSQL nor H2, or holds a
   *     newer schema than this version of Tollgate knows
   */
  static ContactLedger jdbc(DataSource dataSource) {
    return jdbc(dataSource, Duration.ofSeconds(5));
  }

  /**
   * As {@link #jdbc(DataSource)}, with the time after which an operation (a wait for a lock or for an
   * answer from the server included) is abandoned and the decision waiting on it denied; at least one
   * second.
   */
  static ContactLedger jdbc(DataSource dataSource, Duration timeout) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("timeout must be at least 1 second, was " + timeout);
    }
    return JdbcLedger.open(dataSource, timeout);
  }

  /**
   * {@code ledger}, telling {@code failures} of each {@link LedgerException} of its store before passing it
   * on, with the name of the method that failed ({@code entries}, {@code reserve}, {@code record},
   * {@code recordOutcome} or {@code prune}): a way to count them for metrics. An engine reads the returned
   * ledger as it reads {@code ledger} itself, only the contacts its rules can count, however long a
   * person's history (a ledger of one's own that merely delegates to a built-in one would be read
   * through the methods below, which ask for the whole history once a rule counts an outcome for ever).
   *
   * <pre>{@code
   * ContactLedger ledger = ContactLedger.observed(ContactLedger.jdbc(dataSource),
   *     (operation, failure) -> errors.increment());
   * }</pre>
   *
   * @param failures called on the failing thread; an exception it throws is added to the failure as suppressed
   */
  static ContactLedger observed(ContactLedger ledger, BiConsumer<String, LedgerException> failures) {
    return new ObservedLedger(ledger, failures);
  }

  /**
   * Records a contact made without {@code PolicyEngine.decideAndRecord}: a message sent elsewhere, a manual
   * call, history imported from another system. A contact already recorded under {@code contactId} is left
   * as it is.
   *
   * @throws IllegalArgumentException if the subject looks like a phone number
   */
  void record(String subject, String contactId, CallRequest.Contact contact);

  /**
   * Records how a call ended. A REFUSED outcome is final: a later outcome for the same call does not
   * replace it, so a refusal is never lost.
   *
   * @return false if no contact with this id is recorded (never reserved, or pruned)
   */
  boolean recordOutcome(String contactId, CallRequest.Outcome outcome);

  /** The subject's contacts at or after {@code since} (null: all), ordered by time then id. */
  List<Entry> entries(String subject, Instant since);

  /**
   * Reads the subject's contacts at or after {@code since} (null: all), passes them to {@code decide} and
   * records the entry it returns (none if it returns null), so that no other reservation for the same
   * subject, in this process or in another sharing the store, reads in between. An entry whose id is
   * already among the contacts read is not recorded again. {@code decide} may run more than once if the
   * store retries; it must not have other effects.
   *
   * @throws IllegalArgumentException if the subject looks like a phone number
   */
  void reserve(String subject, Instant since, Function<List<Entry>, Entry> decide);

  /**
   * Deletes the contacts made before {@code before}, except those whose outcome is in {@code keep}.
   * A contact whose outcome is not recorded yet is deleted too.
   *
   * @return how many contacts were deleted
   */
  int prune(Instant before, Set<CallRequest.Outcome> keep);

  /**
   * One recorded contact of a subject.
   *
   * @param id the call's request id, or the id given to {@link #record}
   * @param at when it was placed, to the microsecond
   * @param purpose why; null if not known
   * @param product about which product; null if not stated
   * @param debt about which debt; null if not stated
   * @param channel call or SMS
   * @param outcome how it ended; null until {@link #recordOutcome} says
   */
  record Entry(String id, Instant at, CallRequest.Purpose purpose, String product, String debt,
      CallRequest.Channel channel, CallRequest.Outcome outcome) {
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(channel, "channel");
      at = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** This entry as a contact of a request's {@code history}: a call whose outcome is not known yet counts as a conversation. */
    public CallRequest.Contact toContact() {
      return new CallRequest.Contact(at.atOffset(java.time.ZoneOffset.UTC), purpose, product, debt,
          outcome == null ? CallRequest.Outcome.CONVERSATION : outcome, channel);
    }
  }
}
