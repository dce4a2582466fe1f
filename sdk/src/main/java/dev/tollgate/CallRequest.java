package dev.tollgate;

import dev.tollgate.internal.history.ContactList;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A proposed outbound call. Mirrors the {@code call} request of the contract one to one; a null
 * component means "unknown", never "yes".
 *
 * <p>Immutable. The compact constructor rejects a missing required component with a
 * {@link NullPointerException} naming it.
 *
 * @param id the caller's own reference (required)
 * @param at when the call would be placed (required)
 * @param jurisdiction where the callee is (required)
 * @param purpose why the call is placed (required)
 * @param product the subject matter, e.g. {@code consumer-loan}
 * @param voice who or what speaks (required)
 * @param interactive whether the call is a multi-turn dialogue
 * @param aiLabel the AI label the call will play
 * @param caller who places the call (required)
 * @param callee who is called (required)
 * @param debt the debt a collection call is about
 * @param script the script the call follows
 * @param history earlier contacts with the callee; null lets the ledger supply them
 */
public record CallRequest(
    String id,
    OffsetDateTime at,
    String jurisdiction,
    Purpose purpose,
    String product,
    Voice voice,
    Boolean interactive,
    AiLabel aiLabel,
    Caller caller,
    Callee callee,
    Debt debt,
    Script script,
    List<Contact> history) implements Request {

  public CallRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(voice, "voice");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(callee, "callee");
    history = history == null ? null : ContactList.copyOf(history);
  }

  /** Why a call is placed. */
  public enum Purpose { MARKETING, COLLECTION, SERVICE }

  /** Who or what speaks; AI_SYNTHETIC covers text-to-speech and cloned voices. */
  public enum Voice { HUMAN, AI_SYNTHETIC, PRERECORDED }

  /** Where in the call an AI label is played. */
  public enum LabelPosition { START, END, MIDDLE, EACH_TURN }

  /** The kind of number a call is placed from; VIRTUAL_OPERATOR means MVNO ranges. */
  public enum NumberType { FIXED, MOBILE, VIRTUAL_OPERATOR, SERVICE }

  /**
   * What kind of institution places the call: BANK is a banking institution and INSURER an insurer under
   * the NFRA's supervision (their consumer-protection measures bind them only); OTHER is any other.
   */
  public enum InstitutionType { BANK, INSURER, OTHER }

  public enum Relationship { CUSTOMER, FORMER_CUSTOMER, PROSPECT, DEBTOR, THIRD_PARTY, GUARANTOR }

  /** Where the callee's contact details came from. */
  public enum DataSource { FIRST_PARTY, PARTNER_CONSENTED, PURCHASED, SCRAPED, UNKNOWN }

  public enum ConsentState { GRANTED, REFUSED, NONE }

  /** Whether a debt is collected by its original creditor or by a collector or debt buyer. */
  public enum Collector { FIRST_PARTY, THIRD_PARTY }

  /** How an earlier contact ended; REFUSED means the person said stop. */
  public enum Outcome { CONVERSATION, NO_ANSWER, VOICEMAIL, NOT_CONNECTED, REFUSED }

  public enum Channel { CALL, SMS, APP_PUSH }

  /**
   * The AI label a call plays.
   *
   * @param spokenText the spoken label, e.g. {@code 本通话由人工智能合成}
   * @param rhythm an audio rhythm label in dots and dashes, e.g. {@code .- ..}
   * @param positions where the label is played
   * @param charsPerMinute the speaking rate of the spoken label
   */
  public record AiLabel(String spokenText, String rhythm, List<LabelPosition> positions, BigDecimal charsPerMinute) {
    public AiLabel {
      positions = positions == null ? null : List.copyOf(positions);
    }
  }

  /**
   * Who places the call.
   *
   * @param organization the institution (required)
   * @param licensed whether it holds the licence for the product marketed
   * @param number the E.164 number the call is placed from
   * @param numberType the kind of that number
   * @param displayedNumber the number the callee will see
   * @param realNameRegistered whether the number is registered to the caller under its real name
   * @param institutionType what kind of institution the caller is
   * @param displayedNumberAuthorized whether the displayed number is the caller's own main number or hotline,
   *     which its carrier authorised it to display on its calls (so a display other than the calling number
   *     is not a spoofed one)
   */
  public record Caller(String organization, Boolean licensed, String number, NumberType numberType,
      String displayedNumber, Boolean realNameRegistered, InstitutionType institutionType,
      Boolean displayedNumberAuthorized) {
    public Caller {
      Objects.requireNonNull(organization, "organization");
    }

    /**
     * A caller whose institution type and display authorisation are unknown; keeps code written before these
     * fields compiling.
     */
    public Caller(String organization, Boolean licensed, String number, NumberType numberType,
        String displayedNumber, Boolean realNameRegistered) {
      this(organization, licensed, number, numberType, displayedNumber, realNameRegistered, null, null);
    }
  }

  /**
   * Who is called.
   *
   * @param subject a stable pseudonymous id of the person, never a phone number (required)
   * @param timeZone the callee's zone; null means the jurisdiction's only zone, if it has one
   * @param relationship the callee's relationship with the caller
   * @param dataSource where the contact came from
   * @param consent what the callee agreed to
   * @param doNotCall do-not-call listings
   * @param businessRelationship the last transaction and inquiry that make an established business relationship
   */
  public record Callee(String subject, ZoneId timeZone, Relationship relationship, DataSource dataSource,
      Consent consent, DoNotCall doNotCall, BusinessRelationship businessRelationship) {
    public Callee {
      Objects.requireNonNull(subject, "subject");
    }

    /** A callee without a known business relationship. */
    public Callee(String subject, ZoneId timeZone, Relationship relationship, DataSource dataSource,
        Consent consent, DoNotCall doNotCall) {
      this(subject, timeZone, relationship, dataSource, consent, doNotCall, null);
    }
  }

  /**
   * The callee's dealings with the caller that make an established business relationship (47 CFR
   * 64.1200(f)(5)): a purchase or transaction, or an inquiry or application.
   *
   * @param lastTransactionOn the day of the person's last purchase or transaction with the caller
   * @param lastInquiryOn the day of the person's last inquiry or application to the caller
   */
  public record BusinessRelationship(LocalDate lastTransactionOn, LocalDate lastInquiryOn) {}

  /**
   * The callee's consent.
   *
   * @param marketingCalls consent to marketing calls
   * @param written prior express written consent (US)
   * @param aiVoice whether the consent covers artificial or AI voices
   * @param recordedAt when the consent state was recorded
   * @param callbackRequestedAt when the person asked to be called back
   */
  public record Consent(ConsentState marketingCalls, Boolean written, Boolean aiVoice, OffsetDateTime recordedAt,
      OffsetDateTime callbackRequestedAt) {}

  /**
   * Do-not-call listings.
   *
   * @param registryListedOn on a national do-not-call registry since
   * @param internalOptOutAt opted out with this institution at
   */
  public record DoNotCall(LocalDate registryListedOn, OffsetDateTime internalOptOutAt) {}

  /**
   * The debt a collection call is about.
   *
   * @param id the debt's reference
   * @param collector the original creditor or a collector
   * @param lateCallConsent whether the debtor agreed to calls outside the usual hours
   */
  public record Debt(String id, Collector collector, Boolean lateCallConsent) {}

  /**
   * The call script.
   *
   * @param id the script's reference
   * @param reviewed whether compliance reviewed it
   */
  public record Script(String id, Boolean reviewed) {}

  /**
   * An earlier contact with the callee.
   *
   * @param at when it happened (required)
   * @param purpose why
   * @param product about which product
   * @param debt about which debt
   * @param outcome how it ended (required)
   * @param channel call or SMS; null means CALL
   */
  public record Contact(OffsetDateTime at, Purpose purpose, String product, String debt, Outcome outcome,
      Channel channel) {
    public Contact {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
