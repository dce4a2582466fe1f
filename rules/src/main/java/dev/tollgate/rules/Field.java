package dev.tollgate.rules;

import static dev.tollgate.rules.RequestType.CALL;
import static dev.tollgate.rules.RequestType.DATA_SHARE;
import static dev.tollgate.rules.RequestType.MESSAGE;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request fields and derived facts a condition may test, by the JSON path of the request contract
 * (without {@code $.}). Derived facts are computed by the engine before evaluation.
 *
 * <p>This is the whole vocabulary: a pack that names anything else is rejected when it is loaded. With
 * {@link RequestType} it is the one declaration of the request shape on the pack language's side: the
 * request records, their field readers and the request JSON Schema are tested against it.
 */
public enum Field {
  ID("id", Set.of(CALL, DATA_SHARE, MESSAGE), ValueType.STRING, List.of(), false),
  AT("at", Set.of(CALL, DATA_SHARE, MESSAGE), ValueType.DATE_TIME, List.of(), false),
  /** ISO 3166-1, optionally with a subdivision: {@code CN}, {@code US}, {@code US-FL}. */
  JURISDICTION("jurisdiction", Set.of(CALL, DATA_SHARE, MESSAGE), ValueType.STRING, List.of(), false,
      Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?")),
  CALL_PURPOSE("purpose", Set.of(CALL), ValueType.ENUM, List.of("MARKETING", "COLLECTION", "SERVICE"), false),
  PRODUCT("product", Set.of(CALL), ValueType.STRING, List.of(), false),
  VOICE("voice", Set.of(CALL), ValueType.ENUM, List.of("HUMAN", "AI_SYNTHETIC", "PRERECORDED"), false),
  INTERACTIVE("interactive", Set.of(CALL), ValueType.BOOLEAN, List.of(), false),
  AI_LABEL_SPOKEN_TEXT("aiLabel.spokenText", Set.of(CALL), ValueType.STRING, List.of(), false),
  AI_LABEL_RHYTHM("aiLabel.rhythm", Set.of(CALL), ValueType.STRING, List.of(), false),
  AI_LABEL_POSITIONS("aiLabel.positions", Set.of(CALL), ValueType.ENUM_LIST, List.of("START", "END", "MIDDLE", "EACH_TURN"), false),
  AI_LABEL_CHARS_PER_MINUTE("aiLabel.charsPerMinute", Set.of(CALL), ValueType.NUMBER, List.of(), false),
  /**
   * Derived: aiLabel.rhythm in a canonical spelling, so that packs compare it with {@code eq} or {@code in}.
   * Every dot-like character ({@code . · • ∙ ⋅ ・} and 短) becomes {@code .}, every dash-like one
   * ({@code - — – − ‐ ‑ ‒ ― _} and 长) becomes {@code -}, each run of spaces or slashes becomes one space,
   * and leading and trailing gaps are dropped: {@code "·— ··"} and {@code " .-  .. "} both read {@code ".- .."},
   * {@code 短长短短} reads {@code ".-.."}. Any other character is kept, so that the text no longer matches.
   */
  AI_LABEL_RHYTHM_NORMALIZED("aiLabel.rhythmNormalized", Set.of(CALL), ValueType.STRING, List.of(), true),
  CALLER_ORGANIZATION("caller.organization", Set.of(CALL), ValueType.STRING, List.of(), false),
  CALLER_LICENSED("caller.licensed", Set.of(CALL), ValueType.BOOLEAN, List.of(), false),
  CALLER_NUMBER("caller.number", Set.of(CALL), ValueType.STRING, List.of(), false),
  CALLER_NUMBER_TYPE("caller.numberType", Set.of(CALL), ValueType.ENUM, List.of("FIXED", "MOBILE", "VIRTUAL_OPERATOR", "SERVICE"), false),
  CALLER_DISPLAYED_NUMBER("caller.displayedNumber", Set.of(CALL), ValueType.STRING, List.of(), false),
  /**
   * Derived: whether caller.displayedNumber is caller.number (compared after removing spaces, hyphens and
   * brackets); absent when either is absent.
   */
  CALLER_DISPLAYED_NUMBER_MATCHES("caller.displayedNumberMatches", Set.of(CALL), ValueType.BOOLEAN, List.of(), true),
  CALLER_REAL_NAME_REGISTERED("caller.realNameRegistered", Set.of(CALL), ValueType.BOOLEAN, List.of(), false),
  /** BANK or INSURER: an institution bound by the NFRA's consumer-protection measures. */
  CALLER_INSTITUTION_TYPE("caller.institutionType", Set.of(CALL), ValueType.ENUM, List.of("BANK", "INSURER", "OTHER"), false),
  /** The displayed number is the caller's own main number or hotline, authorised by its carrier for display. */
  CALLER_DISPLAYED_NUMBER_AUTHORIZED("caller.displayedNumberAuthorized", Set.of(CALL), ValueType.BOOLEAN, List.of(), false),
  CALLEE_SUBJECT("callee.subject", Set.of(CALL), ValueType.STRING, List.of(), false),
  CALLEE_TIME_ZONE("callee.timeZone", Set.of(CALL), ValueType.STRING, List.of(), false),
  CALLEE_RELATIONSHIP("callee.relationship", Set.of(CALL), ValueType.ENUM, List.of("CUSTOMER", "FORMER_CUSTOMER", "PROSPECT", "DEBTOR", "THIRD_PARTY", "GUARANTOR"), false),
  CALLEE_DATA_SOURCE("callee.dataSource", Set.of(CALL), ValueType.ENUM, List.of("FIRST_PARTY", "PARTNER_CONSENTED", "PURCHASED", "SCRAPED", "UNKNOWN"), false),
  CONSENT_MARKETING_CALLS("callee.consent.marketingCalls", Set.of(CALL), ValueType.ENUM, List.of("GRANTED", "REFUSED", "NONE"), false),
  CONSENT_WRITTEN("callee.consent.written", Set.of(CALL), ValueType.BOOLEAN, List.of(), false),
  CONSENT_AI_VOICE("callee.consent.aiVoice", Set.of(CALL), ValueType.BOOLEAN, List.of(), false),
  CONSENT_RECORDED_AT("callee.consent.recordedAt", Set.of(CALL), ValueType.DATE_TIME, List.of(), false),
  CONSENT_CALLBACK_REQUESTED_AT("callee.consent.callbackRequestedAt", Set.of(CALL), ValueType.DATE_TIME, List.of(), false),
  DNC_REGISTRY_LISTED_ON("callee.doNotCall.registryListedOn", Set.of(CALL), ValueType.DATE, List.of(), false),
  DNC_INTERNAL_OPT_OUT_AT("callee.doNotCall.internalOptOutAt", Set.of(CALL), ValueType.DATE_TIME, List.of(), false),
  /**
   * Derived: whether the person's opt-out with this institution still stands at the call: absent when there is
   * no callee.doNotCall.internalOptOutAt at or before the call's {@code at}; false when callee.consent.recordedAt
   * is later than the opt-out (a consent given afresh); true otherwise, also when the consent's time is unknown
   * or the same instant.
   */
  DNC_OPT_OUT_IN_FORCE("callee.doNotCall.optOutInForce", Set.of(CALL), ValueType.BOOLEAN, List.of(), true),
  /**
   * Derived: which day of the registration the call falls on, the callee's local date counted from
   * callee.doNotCall.registryListedOn, that day being day 1; absent without a listing.
   */
  DNC_REGISTRY_DAY("callee.doNotCall.registryDay", Set.of(CALL), ValueType.NUMBER, List.of(), true),
  /** Derived: like callee.doNotCall.registryDay, the day of the call counted from callee.consent.callbackRequestedAt. */
  CONSENT_CALLBACK_REQUESTED_DAY("callee.consent.callbackRequestedDay", Set.of(CALL), ValueType.NUMBER, List.of(), true),
  EBR_LAST_TRANSACTION_ON("callee.businessRelationship.lastTransactionOn", Set.of(CALL), ValueType.DATE, List.of(), false),
  EBR_LAST_INQUIRY_ON("callee.businessRelationship.lastInquiryOn", Set.of(CALL), ValueType.DATE, List.of(), false),
  /**
   * Derived: the months from callee.businessRelationship.lastTransactionOn to the callee's local date, a part
   * of a month counting as a whole one, so that "within 18 months" reads {@code le: 18} (2025-01-15 to
   * 2026-07-15 is 18, to 2026-07-16 is 19); absent without the date.
   */
  EBR_MONTHS_SINCE_TRANSACTION("callee.businessRelationship.monthsSinceTransaction", Set.of(CALL), ValueType.NUMBER, List.of(), true),
  /** Derived: the same count from callee.businessRelationship.lastInquiryOn. */
  EBR_MONTHS_SINCE_INQUIRY("callee.businessRelationship.monthsSinceInquiry", Set.of(CALL), ValueType.NUMBER, List.of(), true),
  DEBT_ID("debt.id", Set.of(CALL), ValueType.STRING, List.of(), false),
  DEBT_COLLECTOR("debt.collector", Set.of(CALL), ValueType.ENUM, List.of("FIRST_PARTY", "THIRD_PARTY"), false),
  DEBT_LATE_CALL_CONSENT("debt.lateCallConsent", Set.of(CALL), ValueType.BOOLEAN, List.of(), false),
  SCRIPT_ID("script.id", Set.of(CALL), ValueType.STRING, List.of(), false),
  SCRIPT_REVIEWED("script.reviewed", Set.of(CALL), ValueType.BOOLEAN, List.of(), false),
  /** Derived: The time of day at the callee, in callee.timeZone (or the jurisdiction's only zone). */
  CALLEE_LOCAL_TIME("callee.localTime", Set.of(CALL), ValueType.TIME, List.of(), true),
  /** Derived: The date at the callee. */
  CALLEE_LOCAL_DATE("callee.localDate", Set.of(CALL), ValueType.DATE, List.of(), true),
  /** Derived: The day of the week at the callee. */
  CALLEE_LOCAL_DAY_OF_WEEK("callee.localDayOfWeek", Set.of(CALL), ValueType.ENUM, List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"), true),
  SHARE_PURPOSE("purpose", Set.of(DATA_SHARE), ValueType.STRING, List.of(), false),
  RECIPIENT_ID("recipient.id", Set.of(DATA_SHARE), ValueType.STRING, List.of(), false),
  RECIPIENT_ROLE("recipient.role", Set.of(DATA_SHARE), ValueType.ENUM, List.of("ENTRUSTED", "INDEPENDENT", "AFFILIATE", "PUBLIC"), false),
  RECIPIENT_COUNTRY("recipient.country", Set.of(DATA_SHARE), ValueType.STRING, List.of(), false),
  RECIPIENT_CONTRACT_PURPOSE_LIMITED("recipient.contract.purposeLimited", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  RECIPIENT_CONTRACT_REUSE("recipient.contract.reuseForOwnPurposes", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  /** The recipient is a credit-reporting institution licensed for personal credit reporting. */
  RECIPIENT_LICENSED_CREDIT_REPORTING("recipient.licensedCreditReporting", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  FIELDS("fields", Set.of(DATA_SHARE), ValueType.STRING_LIST, List.of(), false),
  /**
   * The name of one requested field. Tested only inside {@code anyField}, where it reads the field being
   * tested, so that a rule objects to the fields it names and the others stay in {@code allowedFields}.
   */
  FIELDS_NAME("fields[].name", Set.of(DATA_SHARE), ValueType.STRING, List.of(), false),
  SUBJECTS_COUNT("subjects.count", Set.of(DATA_SHARE), ValueType.NUMBER, List.of(), false),
  SUBJECTS_MINORS_UNDER_14("subjects.includesMinorsUnder14", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  LEGAL_BASIS("legalBasis", Set.of(DATA_SHARE), ValueType.ENUM, List.of("CONSENT", "CONTRACT", "LEGAL_DUTY", "EMERGENCY", "PUBLIC_INTEREST", "PUBLIC_INFO", "OTHER_LAW"), false),
  SHARE_CONSENT_SEPARATE_SHARING("consent.separateForSharing", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  SHARE_CONSENT_SEPARATE_SENSITIVE("consent.separateForSensitive", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  SHARE_CONSENT_NOTICE_GIVEN("consent.noticeGiven", Set.of(DATA_SHARE), ValueType.ENUM_LIST, List.of("RECIPIENT_NAME", "RECIPIENT_CONTACT", "PURPOSE", "METHOD", "CATEGORIES", "NECESSITY"), false),
  SHARE_CONSENT_WITHDRAWN("consent.withdrawn", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  /** For subjects under 14, the consent was given by a parent or other guardian (PIPL art. 31). */
  SHARE_CONSENT_GUARDIAN("consent.guardianForMinors", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  /** The consent to this share was given in writing (征信业管理条例 art. 18 asks for written consent). */
  SHARE_CONSENT_WRITTEN("consent.written", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  DEIDENTIFIED("deidentified", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  IMPACT_ASSESSMENT("impactAssessment", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  CROSS_BORDER_MECHANISM("crossBorder.mechanism", Set.of(DATA_SHARE), ValueType.ENUM, List.of("SECURITY_ASSESSMENT", "CERTIFICATION", "STANDARD_CONTRACT", "NONE"), false),
  /** The sharing processor is a critical information infrastructure operator. */
  CROSS_BORDER_CIIO("crossBorder.ciio", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  /** People whose personal information other than sensitive was provided abroad since 1 January, this share included. */
  CROSS_BORDER_PERSONS("crossBorder.personsThisYear", Set.of(DATA_SHARE), ValueType.NUMBER, List.of(), false),
  /** People whose sensitive personal information was provided abroad since 1 January, this share included. */
  CROSS_BORDER_SENSITIVE_PERSONS("crossBorder.sensitivePersonsThisYear", Set.of(DATA_SHARE), ValueType.NUMBER, List.of(), false),
  /** The exemption of the 2024 cross-border provisions (art. 5) the transfer relies on. */
  CROSS_BORDER_EXEMPTION("crossBorder.exemption", Set.of(DATA_SHARE), ValueType.ENUM, List.of("CONTRACT_NECESSITY", "HR_MANAGEMENT", "EMERGENCY"), false),
  RETENTION_DAYS("retention.days", Set.of(DATA_SHARE), ValueType.NUMBER, List.of(), false),
  RETENTION_EXPIRED("retention.expired", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  AUTOMATED_MARKETING_PERSONALIZED("automatedMarketing.personalized", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  AUTOMATED_MARKETING_OPT_OUT("automatedMarketing.optOutOffered", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  /** Derived: True when recipient.country is given and differs from the jurisdiction's country. */
  RECIPIENT_CROSS_BORDER("recipient.crossBorder", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), true),
  /** The files that travel with the share; conditions test them one by one with {@code anyContent}. */
  CONTENT("content", Set.of(DATA_SHARE), ValueType.ITEM_LIST, List.of(), false),
  CONTENT_NAME("content[].name", Set.of(DATA_SHARE), ValueType.STRING, List.of(), false),
  CONTENT_KIND("content[].kind", Set.of(DATA_SHARE), ValueType.ENUM, List.of("AUDIO", "VIDEO", "IMAGE", "TEXT"), false),
  CONTENT_AI_GENERATED("content[].aiGenerated", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  CONTENT_EXPLICIT_LABEL("content[].explicitLabel", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  CONTENT_LABEL_REMOVED("content[].labelRemoved", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  /** The file goes out without an explicit label at the user's request (标识办法 art. 9). */
  CONTENT_UNLABELED_ON_REQUEST("content[].unlabeledOnRequest", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), false),
  /**
   * Derived: whether the file's metadata holds a readable implicit label under the key {@code AIGC}
   * (GB 45438-2025 annex E). ABSENT: no metadata, no {@code AIGC} key, or null. MALFORMED: neither a JSON
   * object nor text holding one (duplicate keys included), or one of its elements is not text. PRESENT:
   * a JSON object whose elements are all text; only then are the {@code content[].aigc.*} elements set.
   */
  CONTENT_AIGC_STATUS("content[].aigc.status", Set.of(DATA_SHARE), ValueType.ENUM, List.of("ABSENT", "MALFORMED", "PRESENT"), true),
  /** Derived: element {@code Label} of the AIGC metadata: "1" is AIGC, "2" may be, "3" suspected. */
  CONTENT_AIGC_LABEL("content[].aigc.Label", Set.of(DATA_SHARE), ValueType.STRING, List.of(), true),
  /** Derived: element {@code ContentProducer} of the AIGC metadata (the producer's name or code). */
  CONTENT_AIGC_CONTENT_PRODUCER("content[].aigc.ContentProducer", Set.of(DATA_SHARE), ValueType.STRING, List.of(), true),
  /** Derived: element {@code ProduceID} of the AIGC metadata (the producer's content number). */
  CONTENT_AIGC_PRODUCE_ID("content[].aigc.ProduceID", Set.of(DATA_SHARE), ValueType.STRING, List.of(), true),
  /** Derived: element {@code ReservedCode1} of the AIGC metadata. */
  CONTENT_AIGC_RESERVED_CODE1("content[].aigc.ReservedCode1", Set.of(DATA_SHARE), ValueType.STRING, List.of(), true),
  /** Derived: element {@code ContentPropagator} of the AIGC metadata (added by a dissemination platform). */
  CONTENT_AIGC_CONTENT_PROPAGATOR("content[].aigc.ContentPropagator", Set.of(DATA_SHARE), ValueType.STRING, List.of(), true),
  /** Derived: element {@code PropagateID} of the AIGC metadata (added by a dissemination platform). */
  CONTENT_AIGC_PROPAGATE_ID("content[].aigc.PropagateID", Set.of(DATA_SHARE), ValueType.STRING, List.of(), true),
  /** Derived: element {@code ReservedCode2} of the AIGC metadata. */
  CONTENT_AIGC_RESERVED_CODE2("content[].aigc.ReservedCode2", Set.of(DATA_SHARE), ValueType.STRING, List.of(), true),
  /**
   * Derived: for PRESENT AIGC metadata, whether every element value is printable ASCII (0x20 to 0x7E,
   * GB 45438-2025 annex E j)); absent otherwise.
   */
  CONTENT_AIGC_PRINTABLE_ASCII("content[].aigc.printableAscii", Set.of(DATA_SHARE), ValueType.BOOLEAN, List.of(), true),
  /** The message's channel; each channel has its own consent, caps and quiet hours in the packs. */
  MESSAGE_CHANNEL("channel", Set.of(MESSAGE), ValueType.ENUM, List.of("SMS", "APP_PUSH"), false),
  MESSAGE_PURPOSE("purpose", Set.of(MESSAGE), ValueType.ENUM, List.of("MARKETING", "COLLECTION", "SERVICE"), false),
  MESSAGE_PRODUCT("product", Set.of(MESSAGE), ValueType.STRING, List.of(), false),
  SENDER_ORGANIZATION("sender.organization", Set.of(MESSAGE), ValueType.STRING, List.of(), false),
  SENDER_LICENSED("sender.licensed", Set.of(MESSAGE), ValueType.BOOLEAN, List.of(), false),
  SENDER_INSTITUTION_TYPE("sender.institutionType", Set.of(MESSAGE), ValueType.ENUM, List.of("BANK", "INSURER", "OTHER"), false),
  /** The number or port (短信端口) the message is sent from. */
  SENDER_NUMBER("sender.number", Set.of(MESSAGE), ValueType.STRING, List.of(), false),
  /** The signature (the text inside 【】) the sending port is registered with. */
  SENDER_SIGNATURE("sender.signature", Set.of(MESSAGE), ValueType.STRING, List.of(), false),
  /** The message as the recipient will read it, signature included. */
  TEXT("text", Set.of(MESSAGE), ValueType.STRING, List.of(), false),
  /**
   * Derived: the signature the text carries, the text between 【 and 】 at its start, or else at its end
   * (white space around the text ignored); absent when there is none or it is empty.
   */
  SIGNATURE_IN_TEXT("signatureInText", Set.of(MESSAGE), ValueType.STRING, List.of(), true),
  /** The parts of the message made by AI. */
  AI_GENERATED("aiGenerated", Set.of(MESSAGE), ValueType.ENUM_LIST, List.of("TEXT", "VOICE_NOTE"), false),
  /** The spoken AI label a voice note plays. */
  VOICE_NOTE_LABEL_TEXT("voiceNote.labelText", Set.of(MESSAGE), ValueType.STRING, List.of(), false),
  /** The voice note plays the short-long-short-short rhythm label (GB 45438-2025 5.3 c)). */
  VOICE_NOTE_RHYTHM_LABEL("voiceNote.rhythmLabel", Set.of(MESSAGE), ValueType.BOOLEAN, List.of(), false),
  RECIPIENT_SUBJECT("recipient.subject", Set.of(MESSAGE), ValueType.STRING, List.of(), false),
  RECIPIENT_TIME_ZONE("recipient.timeZone", Set.of(MESSAGE), ValueType.STRING, List.of(), false),
  RECIPIENT_RELATIONSHIP("recipient.relationship", Set.of(MESSAGE), ValueType.ENUM, List.of("CUSTOMER", "FORMER_CUSTOMER", "PROSPECT", "DEBTOR", "THIRD_PARTY", "GUARANTOR"), false),
  RECIPIENT_DATA_SOURCE("recipient.dataSource", Set.of(MESSAGE), ValueType.ENUM, List.of("FIRST_PARTY", "PARTNER_CONSENTED", "PURCHASED", "SCRAPED", "UNKNOWN"), false),
  /** The person's consent to marketing on this message's channel. */
  RECIPIENT_CONSENT_MARKETING("recipient.consent.marketing", Set.of(MESSAGE), ValueType.ENUM, List.of("GRANTED", "REFUSED", "NONE"), false),
  RECIPIENT_CONSENT_RECORDED_AT("recipient.consent.recordedAt", Set.of(MESSAGE), ValueType.DATE_TIME, List.of(), false),
  MESSAGE_DEBT_ID("debt.id", Set.of(MESSAGE), ValueType.STRING, List.of(), false),
  MESSAGE_DEBT_COLLECTOR("debt.collector", Set.of(MESSAGE), ValueType.ENUM, List.of("FIRST_PARTY", "THIRD_PARTY"), false),
  /** The debtor agreed to contact outside the usual hours. */
  DEBT_LATE_CONTACT_CONSENT("debt.lateContactConsent", Set.of(MESSAGE), ValueType.BOOLEAN, List.of(), false),
  /** Derived: The time of day at the recipient, in recipient.timeZone (or the jurisdiction's only zone). */
  RECIPIENT_LOCAL_TIME("recipient.localTime", Set.of(MESSAGE), ValueType.TIME, List.of(), true),
  /** Derived: The date at the recipient. */
  RECIPIENT_LOCAL_DATE("recipient.localDate", Set.of(MESSAGE), ValueType.DATE, List.of(), true),
  /** Derived: The day of the week at the recipient. */
  RECIPIENT_LOCAL_DAY_OF_WEEK("recipient.localDayOfWeek", Set.of(MESSAGE), ValueType.ENUM, List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"), true);

  private final String path;
  private final Set<RequestType> requestTypes;
  private final ValueType type;
  private final List<String> allowedValues;
  private final boolean derived;
  private final Pattern pattern;

  Field(String path, Set<RequestType> requestTypes, ValueType type, List<String> allowedValues, boolean derived) {
    this(path, requestTypes, type, allowedValues, derived, null);
  }

  Field(String path, Set<RequestType> requestTypes, ValueType type, List<String> allowedValues, boolean derived,
      Pattern pattern) {
    this.path = path;
    this.requestTypes = requestTypes;
    this.type = type;
    this.allowedValues = allowedValues;
    this.derived = derived;
    this.pattern = pattern;
  }

  /** The path as written in packs, e.g. {@code callee.consent.marketingCalls}. */
  public String path() {
    return path;
  }

  /** The request types that carry this field. */
  public Set<RequestType> requestTypes() {
    return requestTypes;
  }

  public ValueType type() {
    return type;
  }

  /** For {@link ValueType#ENUM} and {@link ValueType#ENUM_LIST} fields, the allowed names; else empty. */
  public List<String> allowedValues() {
    return allowedValues;
  }

  /**
   * For a text field with a fixed form, the whole-text pattern a request's value must match (requests
   * that break it are rejected, and packs that name such values are checked against it); else null.
   */
  public Pattern pattern() {
    return pattern;
  }

  /** Whether the engine computes this fact rather than reading it from the request. */
  public boolean derived() {
    return derived;
  }

  /**
   * For a field of each item of a list ({@code content[].aiGenerated}), the list field ({@code content});
   * null for a field of the request itself. Item fields may only be tested inside a quantifier over
   * their list, such as {@code anyContent}.
   */
  public Field itemOf() {
    return Derived.ITEM_OF[ordinal()];
  }

  /**
   * Whether conditions may test this list item by item with a quantifier ({@code anyContent},
   * {@code anyField}): some other field is a field of its items.
   */
  public boolean quantifiable() {
    return Derived.QUANTIFIABLE[ordinal()];
  }

  /**
   * Converts a value written in a pack (String, BigDecimal, Boolean, or a List of those) into the typed
   * operand of {@code <this field> <op> value}, as the loader does for literals and the engine does for
   * parameters.
   *
   * @throws IllegalArgumentException naming what was expected, when the operator or value does not fit
   */
  public Object operand(Operator op, Object plain) {
    return dev.tollgate.rules.internal.Values.convert(this, op, plain);
  }

  /**
   * The field with the given path in requests of the given type.
   *
   * @return the field, or null if requests of that type have no such field
   */
  public static Field lookup(RequestType type, String path) {
    return Derived.BY_PATH.get(type).get(path);
  }

  /**
   * What {@link #itemOf}, {@link #quantifiable} and {@link #lookup} answer, worked out once: the loader asks
   * for every condition, and each was a scan of every field (BENCHMARKS.md, cold build).
   */
  private static final class Derived {
    private static final Map<RequestType, Map<String, Field>> BY_PATH = new EnumMap<>(RequestType.class);
    private static final Field[] ITEM_OF = new Field[values().length];
    private static final boolean[] QUANTIFIABLE = new boolean[values().length];

    static {
      for (RequestType type : RequestType.values()) {
        Map<String, Field> byPath = new HashMap<>();
        for (Field f : values()) {
          if (f.requestTypes.contains(type)) {
            byPath.putIfAbsent(f.path, f);
          }
        }
        BY_PATH.put(type, byPath);
      }
      for (Field f : values()) {
        int cut = f.path.indexOf("[].");
        Field list = cut < 0 ? null : BY_PATH.get(f.requestTypes.iterator().next()).get(f.path.substring(0, cut));
        ITEM_OF[f.ordinal()] = list;
        if (list != null) {
          QUANTIFIABLE[list.ordinal()] = true;
        }
      }
    }
  }
}
