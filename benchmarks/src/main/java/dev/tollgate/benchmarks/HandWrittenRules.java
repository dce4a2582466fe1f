package dev.tollgate.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tollgate.CallRequest;
import dev.tollgate.CallRequest.Channel;
import dev.tollgate.CallRequest.Contact;
import dev.tollgate.CallRequest.LabelPosition;
import dev.tollgate.CallRequest.Outcome;
import dev.tollgate.CallRequest.Purpose;
import dev.tollgate.CallRequest.Voice;
import dev.tollgate.DataShareRequest;
import dev.tollgate.DataShareRequest.LegalBasis;
import dev.tollgate.DataShareRequest.Notice;
import dev.tollgate.DataShareRequest.Role;
import dev.tollgate.Decision;
import dev.tollgate.MessageRequest;
import dev.tollgate.Request;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the bundled packs, the four China packs (cn-aigc-labeling, cn-fin-collection-calls,
 * cn-fin-marketing-calls, cn-pipl-data-sharing, all 2.0.0, the versions the engine picks), the three China
 * message packs (cn-aigc-message-labeling, cn-fin-collection-messages, cn-fin-marketing-messages, 1.0.0) and the US and EU
 * packs (us-tcpa, us-reg-f, us-fl-telemarketing, eu-ai-act-art50, eu-gdpr-direct-marketing, all 1.0.0), written
 * by hand in plain Java, with the packs' default parameters: the physical limit the engine is measured against. It answers what a decision
 * answers (verdict, the rules that matched in pack order then rule order, obligations, allowed fields),
 * but not {@code nextAllowedAt}, decision ids, citations or messages.
 *
 * <p>Kept equal to the engine by {@code HandWrittenRulesTest} on a generated corpus, with a copy of these
 * packs. Stateless and thread-safe.
 */
public final class HandWrittenRules {
  /** What a decision says, without its texts. */
  public record Answer(boolean deny, List<String> rules, List<Decision.Obligation> obligations,
      List<String> allowedFields) {}

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final LocalDate AIGC_PACK = LocalDate.of(2023, 1, 10);
  private static final LocalDate GB45438 = LocalDate.of(2025, 9, 1);
  private static final LocalDate COLLECTION_PACK = LocalDate.of(2011, 1, 13);
  private static final LocalDate CBA_GUIDELINE = LocalDate.of(2026, 1, 30);
  private static final LocalDate CREDIT_REGULATION = LocalDate.of(2013, 3, 15);
  private static final LocalDate CREDIT_MEASURES = LocalDate.of(2022, 1, 1);
  private static final LocalDate XBORDER_2024 = LocalDate.of(2024, 3, 22);
  private static final LocalDate MARKETING_PACK = LocalDate.of(2014, 3, 15);
  private static final LocalDate PIPL_PACK = LocalDate.of(2021, 11, 1);
  private static final LocalDate NOTICE_316 = LocalDate.of(2020, 1, 25);
  private static final LocalDate ATF = LocalDate.of(2022, 12, 1);
  private static final LocalDate NFRA = LocalDate.of(2023, 3, 1);
  private static final LocalDate REGULATION_778 = LocalDate.of(2024, 7, 1);
  private static final LocalTime TEN_PM = LocalTime.of(22, 0);
  private static final LocalTime EIGHT_AM = LocalTime.of(8, 0);
  private static final BigDecimal RATE_LOW = BigDecimal.valueOf(120);
  private static final BigDecimal RATE_HIGH = BigDecimal.valueOf(160);
  private static final String[] DENY_PREFIXES = {"+86170", "+86171", "+86162", "+86165", "+86167"};
  private static final int MAX_PER_DAY = 1;
  private static final int MAX_PER_WEEK = 3;
  private static final int MAX_PER_MONTH = 6;

  private static final LocalDate REG_F = LocalDate.of(2021, 11, 30);
  private static final LocalDate FLORIDA_2021 = LocalDate.of(2021, 7, 1);
  private static final LocalDate FCC_24_17 = LocalDate.of(2024, 2, 8);
  private static final LocalDate AI_ACT = LocalDate.of(2024, 8, 1);
  private static final LocalDate AI_ACT_ART50 = LocalDate.of(2026, 8, 2);
  private static final LocalDate GDPR = LocalDate.of(2018, 5, 25);
  private static final LocalTime NINE_PM = LocalTime.of(21, 0);
  private static final LocalTime EIGHT_PM = LocalTime.of(20, 0);
  private static final Map<String, ZoneId> EU_ZONES = Map.of("DE", ZoneId.of("Europe/Berlin"),
      "FR", ZoneId.of("Europe/Paris"), "IT", ZoneId.of("Europe/Rome"));
  private static final Set<String> EU_VOCABULARY = Set.of("name", "phone", "email", "address", "date_of_birth",
      "age_band", "region", "national_id", "income", "loan_balance", "amount_due", "due_date", "overdue_amount",
      "health_data", "biometric_data");
  private static final Map<String, Set<String>> EU_NECESSARY = Map.of(
      "MARKETING_OUTREACH", Set.of("name", "phone", "email"),
      "REPAYMENT_REMINDER", Set.of("name", "phone", "email", "amount_due", "due_date"),
      "COLLECTION", Set.of("name", "phone", "email", "address", "amount_due", "due_date", "overdue_amount"),
      "CREDIT_ASSESSMENT", Set.of("name", "date_of_birth", "address", "national_id", "income", "loan_balance",
          "overdue_amount"),
      "ANALYTICS", Set.of("age_band", "region", "loan_balance"));
  private static final Decision.Obligation IDENTIFY_CALLER = new Decision.Obligation("US-TCPA-IDENTIFY",
      "IDENTIFY_CALLER", Map.of("positions", List.of("START")));
  private static final Decision.Obligation AI_DISCLOSURE = new Decision.Obligation("EU-AIA-50-5-DISCLOSE",
      "PLAY_AI_LABEL", Map.of("positions", List.of("START")));

  private static final Set<String> PURPOSES = Set.of("REPAYMENT_REMINDER", "COLLECTION", "MARKETING_OUTREACH",
      "CREDIT_ASSESSMENT", "ANALYTICS");
  private static final Set<String> VOCABULARY = Set.of("name", "gender", "age", "mobile", "email", "address",
      "id_number", "bank_card_number", "loan_balance", "amount_due", "due_date", "overdue_amount", "overdue_days",
      "credit_report", "contacts_list", "emergency_contact", "location", "face_image", "voiceprint", "health_record",
      "device_id", "purchase_history");
  private static final Set<String> SENSITIVE = Set.of("id_number", "bank_card_number", "credit_report",
      "contacts_list", "location", "face_image", "voiceprint", "health_record");
  private static final Set<String> CREDIT_RECORDS = Set.of("loan_balance", "amount_due", "overdue_amount", "overdue_days");
  private static final Map<String, Set<String>> NECESSARY = Map.of(
      "REPAYMENT_REMINDER", Set.of("name", "mobile", "amount_due", "due_date"),
      "COLLECTION", Set.of("name", "mobile", "address", "loan_balance", "amount_due", "due_date", "overdue_amount",
          "overdue_days"),
      "MARKETING_OUTREACH", Set.of("name", "mobile"),
      "CREDIT_ASSESSMENT", Set.of("name", "mobile", "id_number", "bank_card_number", "loan_balance", "overdue_amount",
          "overdue_days", "credit_report"),
      "ANALYTICS", Set.of("age", "gender", "loan_balance", "overdue_days", "purchase_history"));

  private static final Decision.Obligation PER_TURN = new Decision.Obligation("CN-GB45438-AUDIO-PER-TURN",
      "PLAY_AI_LABEL", Map.of("positions", List.of("EACH_TURN")));
  private static final Decision.Obligation RECORDING_METADATA;
  private static final Decision.Obligation RECORD_CALL = new Decision.Obligation("CN-CCARD-COLLECT-RECORDING",
      "RECORD_CALL", Map.of("retainYears", BigDecimal.valueOf(2)));

  static {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("key", "AIGC");
    params.put("standard", "GB 45438-2025 annex E");
    params.put("required", List.of("Label", "ContentProducer", "ProduceID"));
    params.put("Label", "1");
    RECORDING_METADATA = new Decision.Obligation("CN-AIGC-RECORDING-METADATA", "KEEP_AIGC_METADATA", params);
  }

  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private HandWrittenRules() {}

  /** Decides a request the way the engine with the bundled packs does. */
  public static Answer decide(Request request) {
    if (request instanceof MessageRequest message) {
      return message(message);
    }
    String jurisdiction = request.jurisdiction();
    if (jurisdiction.equals("US") || jurisdiction.startsWith("US-")) {
      return request instanceof CallRequest call ? usCall(call) : noPack(true);
    }
    if (EU_ZONES.containsKey(jurisdiction)) {
      return request instanceof CallRequest call ? euCall(call) : euShare((DataShareRequest) request);
    }
    return request instanceof CallRequest call ? call(call) : share((DataShareRequest) request);
  }

  // ------------------------------------------------------------------ United States and European Union

  /** us-fl-telemarketing, us-reg-f and us-tcpa, in that (the engine's pack) order. */
  private static Answer usCall(CallRequest c) {
    ZoneId zone = c.callee().timeZone();
    if (zone == null) {
      // Every rule in these packs reads local time; the corpus sends no US call without a zone.
      return new Answer(true, List.of("TOLLGATE-INVALID-REQUEST"), List.of(), null);
    }
    ZonedDateTime local = c.at().atZoneSameInstant(zone);
    LocalDate day = local.toLocalDate();
    LocalTime time = local.toLocalTime();
    List<String> rules = new ArrayList<>(4);
    List<Decision.Obligation> obligations = new ArrayList<>(1);
    boolean deny = false;
    Purpose purpose = c.purpose();
    Instant to = c.at().toInstant();
    if (c.jurisdiction().equals("US-FL") && !day.isBefore(FLORIDA_2021) && purpose == Purpose.MARKETING) {
      if (!time.isBefore(EIGHT_PM) || time.isBefore(EIGHT_AM)) {
        deny = add(rules, "US-FL-HOURS", true);
      }
      int sameSubject = 0;
      for (Contact k : history(c)) {
        Instant t = at(k, to);
        if ((k.purpose() == null || k.purpose() == Purpose.MARKETING) && isCall(k)
            && (c.product() == null || k.product() == null || k.product().equals(c.product()))
            && t.isBefore(to) && t.isAfter(to.minusSeconds(24 * 3600))) {
          sameSubject++;
        }
      }
      if (sameSubject >= 3) {
        deny = add(rules, "US-FL-3PER24H", true);
      }
    }
    boolean quiet = !time.isBefore(NINE_PM) || time.isBefore(EIGHT_AM);
    CallRequest.Consent consent = c.callee().consent();
    if (!day.isBefore(REG_F) && purpose == Purpose.COLLECTION
        && (c.debt() == null || c.debt().collector() != CallRequest.Collector.FIRST_PARTY)) {
      if (quiet && !(c.debt() != null && Boolean.TRUE.equals(c.debt().lateCallConsent()))) {
        deny = add(rules, "US-REGF-HOURS", true);
      }
      String debt = c.debt() == null ? null : c.debt().id();
      Instant from = day.minusDays(6).atStartOfDay(zone).toInstant();
      int calls = 0;
      int conversations = 0;
      for (Contact k : history(c)) {
        Instant t = at(k, to);
        if ((k.purpose() == null || k.purpose() == Purpose.COLLECTION) && isCall(k)
            && (debt == null || k.debt() == null || k.debt().equals(debt)) && t.isBefore(to) && !t.isBefore(from)) {
          calls += k.outcome() != Outcome.NOT_CONNECTED ? 1 : 0;
          conversations += k.outcome() == Outcome.CONVERSATION ? 1 : 0;
        }
      }
      // A call within 7 days after the consumer's direct consent (its day being day 1) is not counted.
      OffsetDateTime asked = consent == null ? null : consent.callbackRequestedAt();
      long consentDay = asked == null ? 0 : ChronoUnit.DAYS.between(asked.atZoneSameInstant(zone).toLocalDate(), day) + 1;
      boolean excluded = consentDay >= 1 && consentDay <= 7;
      if (calls >= 7 && !excluded) {
        deny = add(rules, "US-REGF-7IN7", true);
      }
      if (conversations >= 1 && !excluded) {
        deny = add(rules, "US-REGF-AFTER-CONVERSATION", true);
      }
    }
    boolean writtenForArtificialVoice = consent != null && Boolean.TRUE.equals(consent.written())
        && Boolean.TRUE.equals(consent.aiVoice());
    if (purpose == Purpose.MARKETING) {
      if (quiet) {
        deny = add(rules, "US-TCPA-HOURS", true);
      }
      if (objected(c)) {
        deny = add(rules, "US-TCPA-COMPANY-DNC", true);
      }
      LocalDate listed = c.callee().doNotCall() == null ? null : c.callee().doNotCall().registryListedOn();
      CallRequest.BusinessRelationship ebr = c.callee().businessRelationship();
      if (listed != null && ChronoUnit.DAYS.between(listed, day) + 1 > 31
          && !(consent != null && Boolean.TRUE.equals(consent.written()))
          && !(ebr != null && within(ebr.lastTransactionOn(), 18, day))
          && !(ebr != null && within(ebr.lastInquiryOn(), 3, day))) {
        deny = add(rules, "US-TCPA-DNC", true);
      }
      if (c.voice() == Voice.PRERECORDED && !writtenForArtificialVoice) {
        deny = add(rules, "US-TCPA-ARTIFICIAL-VOICE", true);
      }
      if (c.voice() == Voice.AI_SYNTHETIC && !day.isBefore(FCC_24_17) && !writtenForArtificialVoice) {
        deny = add(rules, "US-TCPA-AI-VOICE", true);
      }
    }
    if (c.voice() == Voice.AI_SYNTHETIC || c.voice() == Voice.PRERECORDED) {
      add(rules, "US-TCPA-IDENTIFY", false);
      obligations.add(IDENTIFY_CALLER);
    }
    return new Answer(deny, rules, obligations, null);
  }

  /** eu-ai-act-art50, then eu-gdpr-direct-marketing. */
  private static Answer euCall(CallRequest c) {
    LocalDate day = c.at().atZoneSameInstant(EU_ZONES.get(c.jurisdiction())).toLocalDate();
    if (day.isBefore(GDPR)) {
      return noPack(false);
    }
    List<String> rules = new ArrayList<>(3);
    List<Decision.Obligation> obligations = new ArrayList<>(1);
    boolean deny = false;
    if (!day.isBefore(AI_ACT_ART50) && c.voice() == Voice.AI_SYNTHETIC) {
      List<LabelPosition> positions = c.aiLabel() == null ? null : c.aiLabel().positions();
      if (positions == null || !positions.contains(LabelPosition.START) && !positions.contains(LabelPosition.EACH_TURN)) {
        deny = add(rules, "EU-AIA-50-1-INTERACT", true);
      }
      add(rules, "EU-AIA-50-5-DISCLOSE", false);
      obligations.add(AI_DISCLOSURE);
    }
    if (c.purpose() == Purpose.MARKETING) {
      if (objected(c)) {
        deny = add(rules, "EU-GDPR-MARKETING-OBJECT", true);
      }
      CallRequest.Consent consent = c.callee().consent();
      if ((c.voice() == Voice.AI_SYNTHETIC || c.voice() == Voice.PRERECORDED)
          && (consent == null || consent.marketingCalls() != CallRequest.ConsentState.GRANTED)) {
        deny = add(rules, "EU-EPRIVACY-AUTOCALL", true);
      }
    }
    return new Answer(deny, rules, obligations, null);
  }

  /** eu-gdpr-direct-marketing: its vocabulary, then minimisation field by field. */
  private static Answer euShare(DataShareRequest s) {
    LocalDate day = s.at().atZoneSameInstant(EU_ZONES.get(s.jurisdiction())).toLocalDate();
    if (day.isBefore(GDPR)) {
      return noPack(true);
    }
    if (!EU_NECESSARY.containsKey(s.purpose()) || !EU_VOCABULARY.containsAll(s.fields())) {
      return new Answer(true, List.of("TOLLGATE-INVALID-REQUEST"), List.of(), List.of());
    }
    Set<String> necessary = EU_NECESSARY.get(s.purpose());
    List<String> allowed = new ArrayList<>();
    boolean deny = false;
    for (String field : s.fields()) {
      if (!necessary.contains(field)) {
        deny = true;
      } else if (!allowed.contains(field)) {
        allowed.add(field);
      }
    }
    return new Answer(deny, deny ? List.of("EU-GDPR-MINIMISATION") : List.of(), List.of(), allowed);
  }

  /**
   * A refusal of marketing: the consent state REFUSED, an opt-out in force, or a REFUSED marketing contact on
   * any channel at or after the consent's time.
   */
  private static boolean objected(CallRequest c) {
    CallRequest.Consent consent = c.callee().consent();
    Instant since = consent == null || consent.recordedAt() == null ? null : consent.recordedAt().toInstant();
    return consent != null && consent.marketingCalls() == CallRequest.ConsentState.REFUSED || optOutInForce(c)
        || count(c, Purpose.MARKETING, since, REFUSED, false) >= 1;
  }

  /** Whether {@code since} lies within the {@code months} months that end on {@code day}. */
  private static boolean within(LocalDate since, int months, LocalDate day) {
    return since != null && !since.plusMonths(months).isBefore(day);
  }

  private static List<Contact> history(CallRequest c) {
    return c.history() == null ? List.of() : c.history();
  }

  /** When a contact counts: a contact later than the call (a clock running ahead) counts as made just before it. */
  private static Instant at(Contact k, Instant call) {
    return k.at().toInstant().isAfter(call) ? call.minusNanos(1) : k.at().toInstant();
  }

  // ------------------------------------------------------------------ calls

  private static Answer call(CallRequest c) {
    boolean china = c.jurisdiction().equals("CN") || c.jurisdiction().startsWith("CN-");
    LocalDate day = c.at().atZoneSameInstant(CHINA).toLocalDate();
    boolean aigc = china && !day.isBefore(AIGC_PACK);
    boolean collection = china && !day.isBefore(COLLECTION_PACK);
    boolean marketing = china && !day.isBefore(MARKETING_PACK);
    if (!aigc && !collection && !marketing) {
      return noPack(false);
    }
    List<String> rules = new ArrayList<>(8);
    List<Decision.Obligation> obligations = new ArrayList<>(2);
    boolean deny = false;
    ZoneId zone = c.callee().timeZone() != null ? c.callee().timeZone() : CHINA;
    ZonedDateTime local = c.at().atZoneSameInstant(zone);
    LocalTime time = local.toLocalTime();
    boolean quiet = !time.isBefore(TEN_PM) || time.isBefore(EIGHT_AM);

    if (aigc) {
      CallRequest.AiLabel label = c.aiLabel();
      String spoken = label == null ? null : label.spokenText();
      String rhythm = label == null ? null : label.rhythm();
      List<LabelPosition> positions = label == null ? null : label.positions();
      boolean labelled = spoken != null || rhythm != null;
      boolean ai = c.voice() == Voice.AI_SYNTHETIC;
      boolean prerecorded = c.voice() == Voice.PRERECORDED;
      boolean aiCall = ai || prerecorded && labelled;
      boolean gb = !day.isBefore(GB45438);
      boolean interactive = Boolean.TRUE.equals(c.interactive());
      if (ai && !labelled) {
        deny = add(rules, "CN-DS-EXPLICIT", true);
        if (gb) {
          add(rules, "CN-AIGC-AUDIO-EXPLICIT", true);
        }
      }
      if (gb) {
        if (prerecorded && !labelled) {
          add(rules, "CN-AIGC-AUDIO-PRERECORDED-CHECK", false);
        }
        if ((ai || prerecorded) && labelled) {
          boolean spokenValid = aiLabelled(spoken);
          boolean rhythmValid = rhythm != null && validRhythm(rhythm);
          if (!spokenValid && !rhythmValid) {
            deny = add(rules, "CN-GB45438-AUDIO-FORM", true);
          }
          if (positions == null || positions.isEmpty()) {
            deny = add(rules, "CN-GB45438-AUDIO-POSITION", true);
          }
          BigDecimal rate = label.charsPerMinute();
          if (spoken != null && rate != null && (rate.compareTo(RATE_LOW) < 0 || rate.compareTo(RATE_HIGH) > 0)) {
            add(rules, "CN-GB45438-AUDIO-RATE", false);
          }
        }
        if (aiCall && interactive) {
          add(rules, "CN-GB45438-AUDIO-PER-TURN", false);
          obligations.add(PER_TURN);
          if (positions != null && !positions.contains(LabelPosition.EACH_TURN)) {
            add(rules, "CN-GB45438-AUDIO-PER-TURN-MISSING", false);
          }
        }
        if (aiCall && !interactive) {
          add(rules, "CN-AIGC-AUDIO-PLAY-LABEL", false);
          obligations.add(new Decision.Obligation("CN-AIGC-AUDIO-PLAY-LABEL", "PLAY_AI_LABEL", positions == null
              ? Map.of() : Map.of("positions", positions.stream().map(Enum::name).toList())));
        }
        if (aiCall) {
          add(rules, "CN-AIGC-RECORDING-METADATA", false);
          obligations.add(RECORDING_METADATA);
        }
      }
    }

    if (collection && c.purpose() == Purpose.COLLECTION) {
      boolean thirdParty = c.callee().relationship() == CallRequest.Relationship.THIRD_PARTY;
      if (!day.isBefore(CBA_GUIDELINE)) {
        if (quiet && !(c.debt() != null && Boolean.TRUE.equals(c.debt().lateCallConsent()))) {
          deny = add(rules, "CN-CBA-COLLECT-HOURS", true);
        }
        Instant dayStart = local.toLocalDate().atStartOfDay(zone).toInstant();
        if (count(c, Purpose.COLLECTION, dayStart, UNANSWERED, true) >= 6) {
          add(rules, "CN-CBA-COLLECT-ATTEMPTS", false);
        }
        if (thirdParty) {
          add(rules, "CN-CBA-COLLECT-THIRD-PARTY", false);
          if (count(c, Purpose.COLLECTION, null, REFUSED, false) >= 1) {
            deny = add(rules, "CN-CBA-COLLECT-THIRD-PARTY-STOP", true);
          }
        }
      }
      if ("credit-card".equals(c.product())) {
        if (thirdParty) {
          deny = add(rules, "CN-CCARD-COLLECT-THIRD-PARTY", true);
        }
        add(rules, "CN-CCARD-COLLECT-RECORDING", false);
        obligations.add(RECORD_CALL);
      }
    }

    CallRequest.Caller caller = c.caller();
    boolean marketingCall = marketing && c.purpose() == Purpose.MARKETING;
    if (marketingCall) {
      CallRequest.Consent consent = c.callee().consent();
      CallRequest.ConsentState state = consent == null ? null : consent.marketingCalls();
      Instant since = consent == null || consent.recordedAt() == null ? null : consent.recordedAt().toInstant();
      boolean optOut = optOutInForce(c);
      if (state != CallRequest.ConsentState.GRANTED) {
        deny = add(rules, "CN-CONSUMER-COMMERCIAL-CONSENT", true);
      }
      if (optOut || count(c, Purpose.MARKETING, since, REFUSED, false) >= 1) {
        deny = add(rules, "CN-CONSUMER-COMMERCIAL-REFUSED", true);
      }
      if ((state == CallRequest.ConsentState.REFUSED || optOut) && !day.isBefore(REGULATION_778)) {
        deny = add(rules, "CN-CONSUMER-REG-CALL-REFUSED", true);
      }
      if (!day.isBefore(NFRA) && (caller.institutionType() == CallRequest.InstitutionType.BANK
          || caller.institutionType() == CallRequest.InstitutionType.INSURER)
          && count(c, Purpose.MARKETING, since, REFUSED, true) >= 1) {
        deny = add(rules, "CN-NFRA-CP-MARKETING-REFUSED", true);
      }
      CallRequest.DataSource source = c.callee().dataSource();
      if (source != CallRequest.DataSource.FIRST_PARTY && source != CallRequest.DataSource.PARTNER_CONSENTED) {
        deny = add(rules, "CN-INST-CONTACT-SOURCE", true);
      }
      if (!day.isBefore(NOTICE_316) && !Boolean.TRUE.equals(caller.licensed())) {
        deny = add(rules, "CN-FIN-MKT-LICENSED", true);
      }
    }
    // The caller-identity rules of the marketing pack decide every call.
    if (marketing && !day.isBefore(ATF)) {
      if (caller.number() != null && caller.displayedNumber() != null
          && !digits(caller.number()).equals(digits(caller.displayedNumber()))
          && !Boolean.TRUE.equals(caller.displayedNumberAuthorized())) {
        deny = add(rules, "CN-ATF-CALLER-ID", true);
      }
      if (!Boolean.TRUE.equals(caller.realNameRegistered())) {
        deny = add(rules, "CN-ATF-REALNAME", true);
      }
    }
    if (marketingCall) {
      if (deniedPrefix(caller.number()) || deniedPrefix(caller.displayedNumber())
          || caller.numberType() == CallRequest.NumberType.VIRTUAL_OPERATOR) {
        deny = add(rules, "CN-INST-CALLER-PREFIX", true);
      }
      CallRequest.Script script = c.script();
      if (!day.isBefore(NOTICE_316) && script != null && (script.id() != null || script.reviewed() != null)
          && !Boolean.TRUE.equals(script.reviewed())) {
        deny = add(rules, "CN-INST-SCRIPT-REVIEW", true);
      }
      if (quiet) {
        deny = add(rules, "CN-INST-MKT-QUIET-HOURS", true);
      }
      if (c.history() != null && !c.history().isEmpty()) {
        LocalDate today = local.toLocalDate();
        int[] counts = marketingCounts(c.history(), c.at().toInstant(), today.atStartOfDay(zone).toInstant(),
            today.minusDays(6).atStartOfDay(zone).toInstant(), today.minusDays(29).atStartOfDay(zone).toInstant());
        if (counts[0] >= MAX_PER_DAY) {
          deny = add(rules, "CN-INST-MKT-FREQ-DAY", true);
        }
        if (counts[1] >= MAX_PER_WEEK) {
          deny = add(rules, "CN-INST-MKT-FREQ-WEEK", true);
        }
        if (counts[2] >= MAX_PER_MONTH) {
          deny = add(rules, "CN-INST-MKT-FREQ-MONTH", true);
        }
      }
    }
    return new Answer(deny, rules, obligations, null);
  }

  // ------------------------------------------------------------------ messages

  private static final LocalDate MIIT_SMS = LocalDate.of(2015, 6, 30);
  private static final LocalTime NINE_PM_SMS = LocalTime.of(21, 0);
  private static final Set<String> REGISTERED_SIGNATURES = Set.of("未设置-请在覆盖文件中填写本机构签名");
  private static final String[] OPT_OUT_PHRASES = {"拒收请回复R", "退订回T", "回T退订", "退订请回复TD", "回复TD退订"};
  private static final String[] DEBT_WORDS = {"欠款", "逾期", "催收", "还款", "债务", "欠费", "账单", "违约"};
  private static final String[] AI_WORDS = {"人工智能", "AI"};
  private static final String[] MADE_WORDS = {"生成", "合成"};
  private static final int MAX_SMS_PER_DAY = 1;
  private static final int MAX_SMS_PER_WEEK = 3;
  private static final int MAX_PUSHES_PER_DAY = 2;
  private static final int MAX_CONTACTS_PER_WEEK = 5;

  /** cn-aigc-message-labeling, cn-fin-collection-messages and cn-fin-marketing-messages, in that order. */
  private static Answer message(MessageRequest m) {
    if (!m.jurisdiction().equals("CN") && !m.jurisdiction().startsWith("CN-")) {
      return noPack(false);
    }
    LocalDate day = m.at().atZoneSameInstant(CHINA).toLocalDate();
    boolean aigc = !day.isBefore(GB45438);
    boolean collection = !day.isBefore(CBA_GUIDELINE);
    boolean marketing = !day.isBefore(MARKETING_PACK);
    if (!aigc && !collection && !marketing) {
      return noPack(false);
    }
    List<String> rules = new ArrayList<>(8);
    boolean deny = false;
    ZoneId zone = m.recipient().timeZone() != null ? m.recipient().timeZone() : CHINA;
    ZonedDateTime local = m.at().atZoneSameInstant(zone);
    LocalTime time = local.toLocalTime();
    Instant to = m.at().toInstant();
    List<Contact> history = m.history() == null ? List.of() : m.history();
    boolean sms = m.channel() == MessageRequest.Channel.SMS;
    Channel channel = sms ? Channel.SMS : Channel.APP_PUSH;
    List<MessageRequest.AiPart> ai = m.aiGenerated() == null ? List.of() : m.aiGenerated();

    if (aigc) {
      if (ai.contains(MessageRequest.AiPart.TEXT) && !aiLabelled(m.text())) {
        deny = add(rules, "CN-AIGC-LABEL-TEXT-EXPLICIT", true);
      }
      String spoken = m.voiceNote() == null ? null : m.voiceNote().labelText();
      if (ai.contains(MessageRequest.AiPart.VOICE_NOTE)
          && !(m.voiceNote() != null && Boolean.TRUE.equals(m.voiceNote().rhythmLabel()))
          && !aiLabelled(spoken)) {
        deny = add(rules, "CN-AIGC-LABEL-VOICE-NOTE", true);
      }
    }
    boolean thirdParty = m.recipient().relationship() == CallRequest.Relationship.THIRD_PARTY;
    if (collection && m.purpose() == Purpose.COLLECTION) {
      if ((!time.isBefore(TEN_PM) || time.isBefore(EIGHT_AM))
          && !(m.debt() != null && Boolean.TRUE.equals(m.debt().lateContactConsent()))) {
        deny = add(rules, "CN-CBA-COLLECT-MSG-HOURS", true);
      }
      if (thirdParty && containsAny(m.text(), DEBT_WORDS)) {
        deny = add(rules, "CN-CBA-COLLECT-MSG-DISCLOSURE", true);
      }
      if (thirdParty) {
        add(rules, "CN-CBA-COLLECT-MSG-THIRD-PARTY", false);
        if (count(history, to, Purpose.COLLECTION, null, REFUSED, null) >= 1) {
          deny = add(rules, "CN-CBA-COLLECT-MSG-THIRD-PARTY-STOP", true);
        }
      }
    }
    if (marketing) {
      boolean mkt = m.purpose() == Purpose.MARKETING;
      MessageRequest.Consent consent = m.recipient().consent();
      Instant since = consent == null || consent.recordedAt() == null ? null : consent.recordedAt().toInstant();
      if (mkt && (consent == null || consent.marketing() != CallRequest.ConsentState.GRANTED)) {
        deny = add(rules, "CN-CONSUMER-MSG-CONSENT", true);
      }
      if (mkt && count(history, to, Purpose.MARKETING, null, REFUSED, since) >= 1) {
        deny = add(rules, "CN-CONSUMER-MSG-REFUSED", true);
      }
      boolean refusedHere = mkt && count(history, to, Purpose.MARKETING, channel, REFUSED, since) >= 1;
      if (!day.isBefore(MIIT_SMS) && sms && refusedHere) {
        deny = add(rules, "CN-MIIT-SMS-REFUSED", true);
      }
      CallRequest.InstitutionType type = m.sender().institutionType();
      if (!day.isBefore(NFRA) && refusedHere
          && (type == CallRequest.InstitutionType.BANK || type == CallRequest.InstitutionType.INSURER)) {
        deny = add(rules, "CN-NFRA-CP-MSG-REFUSED", true);
      }
      if (!day.isBefore(MIIT_SMS) && mkt && sms && !containsAny(m.text(), OPT_OUT_PHRASES)) {
        deny = add(rules, "CN-MIIT-SMS-OPT-OUT", true);
      }
      if (sms) {
        String signature = signature(m.text());
        if (signature == null) {
          deny = add(rules, "CN-INST-SMS-SIGNATURE", true);
        }
        String declared = m.sender().signature();
        if (signature != null && !REGISTERED_SIGNATURES.contains(signature)
            || declared != null && !REGISTERED_SIGNATURES.contains(declared)) {
          deny = add(rules, "CN-INST-SMS-SIGNATURE-REGISTERED", true);
        }
      }
      if (mkt) {
        if (!day.isBefore(NOTICE_316) && !Boolean.TRUE.equals(m.sender().licensed())) {
          deny = add(rules, "CN-FIN-MKT-MSG-LICENSED", true);
        }
        CallRequest.DataSource source = m.recipient().dataSource();
        if (source != CallRequest.DataSource.FIRST_PARTY && source != CallRequest.DataSource.PARTNER_CONSENTED) {
          deny = add(rules, "CN-INST-MSG-CONTACT-SOURCE", true);
        }
        boolean late = time.isBefore(EIGHT_AM) || !time.isBefore(sms ? NINE_PM_SMS : TEN_PM);
        if (late) {
          deny = add(rules, sms ? "CN-INST-SMS-QUIET-HOURS" : "CN-INST-PUSH-QUIET-HOURS", true);
        }
        LocalDate today = local.toLocalDate();
        Instant dayStart = today.atStartOfDay(zone).toInstant();
        Instant weekStart = today.minusDays(6).atStartOfDay(zone).toInstant();
        if (sms) {
          if (count(history, to, Purpose.MARKETING, Channel.SMS, REACHED, dayStart) >= MAX_SMS_PER_DAY) {
            deny = add(rules, "CN-INST-SMS-FREQ-DAY", true);
          }
          if (count(history, to, Purpose.MARKETING, Channel.SMS, REACHED, weekStart) >= MAX_SMS_PER_WEEK) {
            deny = add(rules, "CN-INST-SMS-FREQ-WEEK", true);
          }
        } else if (count(history, to, Purpose.MARKETING, Channel.APP_PUSH, REACHED, dayStart) >= MAX_PUSHES_PER_DAY) {
          deny = add(rules, "CN-INST-PUSH-FREQ-DAY", true);
        }
        if (count(history, to, Purpose.MARKETING, null, REACHED, weekStart) >= MAX_CONTACTS_PER_WEEK) {
          deny = add(rules, "CN-INST-MKT-ALL-CHANNELS-WEEK", true);
        }
      }
    }
    return new Answer(deny, rules, List.of(), null);
  }

  /**
   * Earlier contacts for the purpose (or of unknown purpose), on {@code channel} (null: any; a contact without
   * a channel is a call), with one of {@code outcomes}, from {@code from} (null: ever) to {@code to}.
   */
  private static int count(List<Contact> history, Instant to, Purpose purpose, Channel channel, int outcomes,
      Instant from) {
    int n = 0;
    for (Contact k : history) {
      if ((k.purpose() == null || k.purpose() == purpose)
          && (channel == null || (channel == Channel.CALL ? isCall(k) : k.channel() == channel))
          && (outcomes & 1 << k.outcome().ordinal()) != 0) {
        Instant t = at(k, to);
        if (t.isBefore(to) && (from == null || !t.isBefore(from))) {
          n++;
        }
      }
    }
    return n;
  }

  /** Whether a text says it was made by AI: one of the AI words and one of the making words (null: no). */
  private static boolean aiLabelled(String text) {
    return containsAny(text, AI_WORDS) && containsAny(text, MADE_WORDS);
  }

  private static boolean containsAny(String text, String[] words) {
    if (text == null) {
      return false;
    }
    for (String w : words) {
      if (text.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** The 【】 signature at the start of the text, or else at its end; null if none or empty. */
  private static String signature(String text) {
    String t = text.strip();
    int n = t.length();
    if (n > 2 && t.charAt(0) == '【') {
      int close = t.indexOf('】');
      int reopened = t.indexOf('【', 1);
      if (close > 1 && (reopened < 0 || reopened > close)) {
        return t.substring(1, close);
      }
    }
    if (n > 2 && t.charAt(n - 1) == '】') {
      int open = t.lastIndexOf('【');
      if (open >= 0 && open < n - 2 && t.indexOf('】', open) == n - 1) {
        return t.substring(open + 1, n - 1);
      }
    }
    return null;
  }

  private static final int UNANSWERED = 1 << Outcome.NO_ANSWER.ordinal() | 1 << Outcome.VOICEMAIL.ordinal()
      | 1 << Outcome.NOT_CONNECTED.ordinal();
  private static final int REFUSED = 1 << Outcome.REFUSED.ordinal();
  private static final int REACHED = ~(1 << Outcome.NOT_CONNECTED.ordinal());

  /**
   * Earlier contacts for the purpose (or of unknown purpose), from {@code from} (null: ever) to the call; with
   * {@code callsOnly}, calls only (channel CALL, or none).
   */
  private static int count(CallRequest c, Purpose purpose, Instant from, int outcomes, boolean callsOnly) {
    return count(history(c), c.at().toInstant(), purpose, callsOnly ? Channel.CALL : null, outcomes, from);
  }

  /** Whether an earlier contact was a call: channel CALL, or none given (contacts before channels were recorded). */
  private static boolean isCall(Contact k) {
    return k.channel() == null || k.channel() == Channel.CALL;
  }

  /** An opt-out at or before the call that no later consent followed (callee.doNotCall.optOutInForce). */
  private static boolean optOutInForce(CallRequest c) {
    OffsetDateTime optOut = c.callee().doNotCall() == null ? null : c.callee().doNotCall().internalOptOutAt();
    OffsetDateTime consent = c.callee().consent() == null ? null : c.callee().consent().recordedAt();
    return optOut != null && !optOut.isAfter(c.at()) && (consent == null || !consent.isAfter(optOut));
  }

  /** Earlier marketing calls that reached the network, today, in 7 and in 30 local calendar days. */
  private static int[] marketingCounts(List<Contact> history, Instant to, Instant day, Instant week, Instant month) {
    int[] out = new int[3];
    for (Contact k : history) {
      if ((k.purpose() == null || k.purpose() == Purpose.MARKETING) && isCall(k)
          && (REACHED & 1 << k.outcome().ordinal()) != 0) {
        Instant t = at(k, to);
        if (t.isBefore(to) && !t.isBefore(month)) {
          out[2]++;
          if (!t.isBefore(week)) {
            out[1]++;
            if (!t.isBefore(day)) {
              out[0]++;
            }
          }
        }
      }
    }
    return out;
  }

  private static boolean deniedPrefix(String number) {
    if (number == null) {
      return false;
    }
    for (String p : DENY_PREFIXES) {
      if (number.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static String digits(String number) {
    StringBuilder sb = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char ch = number.charAt(i);
      // What the regular expression [\s\-().] removes.
      if (" \t\n\u000B\f\r-().".indexOf(ch) < 0) {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  /**
   * Short-long-short-short, with or without the gap between the letters: dot-like characters and 短 read
   * as a dot, dash-like ones and 长 as a dash, spaces and slashes as a gap, allowed at either end and
   * after the second mark only.
   */
  static boolean validRhythm(String rhythm) {
    final String wanted = ".-..";
    int marks = 0;
    boolean gapBefore = false;
    for (int i = 0; i < rhythm.length(); ) {
      int ch = rhythm.codePointAt(i);
      i += Character.charCount(ch);
      if (Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '/') {
        gapBefore = marks > 0;
      } else if (marks == wanted.length() || mark(ch) != wanted.charAt(marks) || gapBefore && marks != 2) {
        return false;
      } else {
        marks++;
        gapBefore = false;
      }
    }
    return marks == wanted.length();
  }

  /** A dot or a dash for the characters people write them with, else a space (no mark). */
  private static char mark(int ch) {
    if (".\u00B7\u2022\u2219\u22C5\u30FB\uFF65\uFF0E\u77ED".indexOf(ch) >= 0) {
      return '.';
    }
    return "-\u2014\u2013\u2212\u2010\u2011\u2012\u2015_\uFF0D\u957F\u9577".indexOf(ch) >= 0 ? '-' : ' ';
  }

  // ------------------------------------------------------------------ data shares

  private static Answer share(DataShareRequest s) {
    boolean china = s.jurisdiction().equals("CN") || s.jurisdiction().startsWith("CN-");
    LocalDate day = s.at().atZoneSameInstant(CHINA).toLocalDate();
    boolean aigc = china && !day.isBefore(AIGC_PACK);
    boolean pipl = china && !day.isBefore(PIPL_PACK);
    if (!aigc && !pipl) {
      return noPack(true);
    }
    List<String> fields = s.fields();
    if (pipl && (!PURPOSES.contains(s.purpose()) || !VOCABULARY.containsAll(fields))) {
      return new Answer(true, List.of("TOLLGATE-INVALID-REQUEST"), List.of(), List.of());
    }
    List<String> rules = new ArrayList<>(8);
    List<Decision.Obligation> obligations = new ArrayList<>(1);
    boolean deny = false;
    // Positions in fields that a DENY objects to; null once one objects to them all.
    BitSet refused = new BitSet();
    Role role = s.recipient().role();

    if (aigc && s.content() != null) {
      boolean gb = !day.isBefore(GB45438);
      boolean unlabelled = false;
      boolean onRequest = false;
      boolean absent = false;
      boolean malformed = false;
      boolean badLabel = false;
      boolean noProducer = false;
      boolean notAscii = false;
      boolean removed = false;
      for (DataShareRequest.Artifact a : s.content()) {
        removed |= Boolean.TRUE.equals(a.labelRemoved());
        if (!Boolean.TRUE.equals(a.aiGenerated())) {
          continue;
        }
        if (!Boolean.TRUE.equals(a.explicitLabel())) {
          // Measures art. 9: unlabelled at the user's request to an entrusted vendor.
          if (Boolean.TRUE.equals(a.unlabeledOnRequest()) && role == Role.ENTRUSTED) {
            onRequest = true;
          } else {
            unlabelled = true;
          }
        }
        Object value = a.metadata() == null ? null : a.metadata().get("AIGC");
        Map<String, String> label = value == null ? null : label(value);
        if (value == null) {
          absent = true;
        } else if (label == null) {
          malformed = true;
        } else {
          String l = label.get("Label");
          badLabel |= !("1".equals(l) || "2".equals(l) || "3".equals(l));
          String producer = label.get("ContentProducer");
          String id = label.get("ProduceID");
          noProducer |= producer == null || producer.isEmpty() || id == null || id.isEmpty();
          for (String v : label.values()) {
            notAscii |= !printableAscii(v);
          }
        }
      }
      if (gb) {
        deny |= unlabelled && add(rules, "CN-AIGC-LABEL-EXPORT", true);
        if (onRequest) {
          add(rules, "CN-AIGC-UNLABELED-ON-REQUEST", false);
          Map<String, Object> params = new LinkedHashMap<>();
          params.put("retainMonths", BigDecimal.valueOf(6));
          params.put("recipient", s.recipient().id());
          params.put("userAgreement", "sets the user's labelling duty and liability");
          obligations.add(new Decision.Obligation("CN-AIGC-UNLABELED-ON-REQUEST", "KEEP_DELIVERY_LOG", params));
        }
        deny |= absent && add(rules, "CN-AIGC-IMPLICIT-METADATA", true);
        deny |= malformed && add(rules, "CN-GB45438-METADATA-FORMAT", true);
        deny |= badLabel && add(rules, "CN-GB45438-METADATA-LABEL", true);
        deny |= noProducer && add(rules, "CN-GB45438-METADATA-PRODUCER", true);
        deny |= notAscii && add(rules, "CN-GB45438-METADATA-ASCII", true);
        deny |= removed && add(rules, "CN-AIGC-NO-TAMPER", true);
      }
      deny |= removed && add(rules, "CN-DS-NO-REMOVAL", true);
      if (deny) {
        refused = null;
      }
    }

    if (pipl) {
      LegalBasis basis = s.legalBasis();
      boolean consentBased = basis == null || basis == LegalBasis.CONSENT;
      DataShareRequest.Consent consent = s.consent();
      List<Notice> notice = consent == null ? null : consent.noticeGiven();
      boolean minors = s.subjects() != null && Boolean.TRUE.equals(s.subjects().includesMinorsUnder14());
      boolean sharingConsent = consent != null && Boolean.TRUE.equals(consent.separateForSharing());
      boolean sensitiveConsent = consent != null && Boolean.TRUE.equals(consent.separateForSensitive());
      String country = s.recipient().country();
      boolean abroad = country != null && !country.equals(s.jurisdiction().substring(0, 2));
      boolean provides = role == Role.INDEPENDENT || role == Role.AFFILIATE;
      boolean whole = false;
      if (basis == null) {
        whole = add(rules, "CN-PIPL-LEGAL-BASIS", true);
      }
      if (consent != null && Boolean.TRUE.equals(consent.withdrawn()) && consentBased) {
        whole = add(rules, "CN-PIPL-WITHDRAW", true);
      }
      Set<String> necessary = NECESSARY.get(s.purpose());
      BitSet excess = new BitSet();
      BitSet sensitive = new BitSet();
      BitSet creditRecords = new BitSet();
      BitSet creditReport = new BitSet();
      for (int i = 0; i < fields.size(); i++) {
        String f = fields.get(i);
        if (!necessary.contains(f)) {
          excess.set(i);
        }
        if (SENSITIVE.contains(f)) {
          sensitive.set(i);
        }
        if (CREDIT_RECORDS.contains(f)) {
          creditRecords.set(i);
        }
        if (f.equals("credit_report")) {
          creditReport.set(i);
        }
      }
      if (!excess.isEmpty()) {
        deny = add(rules, "CN-PIPL-MIN-NECESSARY", true);
        refused = or(refused, excess);
      }
      boolean sensitiveShare = !sensitive.isEmpty() || minors;
      if (consentBased && !sensitiveConsent && sensitiveShare) {
        deny = add(rules, "CN-PIPL-SENSITIVE-CONSENT", true);
        whole |= minors;
        refused = or(refused, sensitive);
      }
      if (!(notice != null && notice.contains(Notice.NECESSITY)) && sensitiveShare) {
        deny = add(rules, "CN-PIPL-SENSITIVE-NOTICE", true);
        whole |= minors;
        refused = or(refused, sensitive);
      }
      if (minors && !(consent != null && Boolean.TRUE.equals(consent.guardianForMinors())) && consentBased) {
        whole = add(rules, "CN-PIPL-MINORS-GUARDIAN", true);
      }
      DataShareRequest.Contract contract = s.recipient().contract();
      if (role == Role.ENTRUSTED && !(contract != null && Boolean.TRUE.equals(contract.purposeLimited()))) {
        whole = add(rules, "CN-PIPL-ENTRUSTED-CONTRACT", true);
      }
      if (role == Role.ENTRUSTED && contract != null && Boolean.TRUE.equals(contract.reuseForOwnPurposes())) {
        whole = add(rules, "CN-PIPL-ENTRUSTED-REUSE", true);
      }
      if (provides && !sharingConsent && consentBased) {
        whole = add(rules, "CN-PIPL-PROVIDE-CONSENT", true);
      }
      if (provides && !sharingConsent && basis == LegalBasis.CONTRACT && s.purpose().equals("MARKETING_OUTREACH")) {
        whole = add(rules, "CN-PIPL-MARKETING-NOT-CONTRACT", true);
      }
      if (basis != null && basis != LegalBasis.CONSENT
          && ((provides || role == Role.PUBLIC || abroad) && !sharingConsent || !sensitiveConsent && sensitiveShare)) {
        add(rules, "CN-PIPL-BASIS-NOT-CONSENT-REVIEW", false);
      }
      if (provides) {
        whole |= noticeRule(rules, notice, Notice.RECIPIENT_NAME, "CN-PIPL-PROVIDE-NOTICE-NAME");
        whole |= noticeRule(rules, notice, Notice.RECIPIENT_CONTACT, "CN-PIPL-PROVIDE-NOTICE-CONTACT");
        whole |= noticeRule(rules, notice, Notice.PURPOSE, "CN-PIPL-PROVIDE-NOTICE-PURPOSE");
        whole |= noticeRule(rules, notice, Notice.METHOD, "CN-PIPL-PROVIDE-NOTICE-METHOD");
        whole |= noticeRule(rules, notice, Notice.CATEGORIES, "CN-PIPL-PROVIDE-NOTICE-CATEGORIES");
      }
      if (role == Role.PUBLIC && !sharingConsent && consentBased) {
        whole = add(rules, "CN-PIPL-NO-PUBLIC", true);
      }
      boolean toOthers = provides || role == Role.PUBLIC;
      if ((toOthers || abroad) && !sensitiveConsent && !creditRecords.isEmpty()) {
        add(rules, "CN-GBT35273-CREDIT-RECORDS", false);
      }
      if (!day.isBefore(CREDIT_REGULATION) && (toOthers || abroad)
          && !(consent != null && Boolean.TRUE.equals(consent.written())) && !creditReport.isEmpty()) {
        deny = add(rules, "CN-CREDIT-REPORT-CONSENT", true);
        refused = or(refused, creditReport);
      }
      if (!day.isBefore(CREDIT_MEASURES) && toOthers && !Boolean.TRUE.equals(s.recipient().licensedCreditReporting())
          && !creditReport.isEmpty()) {
        deny = add(rules, "CN-CREDIT-REPORT-LICENSED", true);
        refused = or(refused, creditReport);
      }
      DataShareRequest.AutomatedMarketing auto = s.automatedMarketing();
      if (auto != null && Boolean.TRUE.equals(auto.personalized()) && !Boolean.TRUE.equals(auto.optOutOffered())) {
        whole = add(rules, "CN-PIPL-AUTOMATED-MARKETING", true);
      }
      if (s.retention() != null && Boolean.TRUE.equals(s.retention().expired())) {
        whole = add(rules, "CN-PIPL-RETENTION", true);
      }
      if (abroad) {
        DataShareRequest.CrossBorder xb = s.crossBorder();
        DataShareRequest.Mechanism mechanism = xb == null ? null : xb.mechanism();
        boolean noMechanism = mechanism == null || mechanism == DataShareRequest.Mechanism.NONE;
        boolean provisions = !day.isBefore(XBORDER_2024);
        boolean claimed = xb != null && xb.exemption() != null;
        // The 2024 provisions art. 5: a claimed ground, or a non-CIIO's non-sensitive data of < 100,000 people.
        boolean exempt = claimed || xb != null && Boolean.FALSE.equals(xb.ciio()) && xb.personsThisYear() != null
            && xb.personsThisYear() < 100_000 && sensitive.isEmpty() && !minors;
        if (noMechanism && !(provisions && exempt)) {
          whole = add(rules, "CN-PIPL-XBORDER-MECHANISM", true);
        }
        if (provisions && noMechanism && exempt) {
          add(rules, "CN-XBORDER-EXEMPTION-REVIEW", false);
        }
        if (provisions && mechanism != DataShareRequest.Mechanism.SECURITY_ASSESSMENT && !claimed && xb != null
            && (Boolean.TRUE.equals(xb.ciio()) || xb.sensitivePersonsThisYear() != null
                && xb.sensitivePersonsThisYear() >= 10_000 || xb.personsThisYear() != null
                && xb.personsThisYear() >= 1_000_000)) {
          whole = add(rules, "CN-XBORDER-SECURITY-ASSESSMENT", true);
        }
        if (!sharingConsent && consentBased) {
          whole = add(rules, "CN-PIPL-XBORDER-CONSENT", true);
        }
        if (notice == null || !notice.contains(Notice.RECIPIENT_NAME) || !notice.contains(Notice.RECIPIENT_CONTACT)
            || !notice.contains(Notice.PURPOSE) || !notice.contains(Notice.METHOD)
            || !notice.contains(Notice.CATEGORIES)) {
          whole = add(rules, "CN-PIPL-XBORDER-NOTICE", true);
        }
      }
      if (!Boolean.TRUE.equals(s.impactAssessment())) {
        whole = add(rules, "CN-PIPL-PIA", true);
      }
      deny |= whole;
      if (whole) {
        refused = null;
      }
    }
    List<String> allowed = new ArrayList<>();
    if (refused != null) {
      for (int i = 0; i < fields.size(); i++) {
        if (!refused.get(i) && !allowed.contains(fields.get(i))) {
          allowed.add(fields.get(i));
        }
      }
    }
    return new Answer(deny, rules, obligations, allowed);
  }

  /** Adds the positions a field-specific DENY objects to, unless a DENY already objects to them all. */
  private static BitSet or(BitSet refused, BitSet fields) {
    if (refused != null) {
      refused.or(fields);
    }
    return refused;
  }

  /** Adds the rule when the notice lacks the element; whether it did. */
  private static boolean noticeRule(List<String> rules, List<Notice> notice, Notice needed, String rule) {
    return (notice == null || !notice.contains(needed)) && add(rules, rule, true);
  }

  /** The elements of an implicit label when it is a JSON object of texts, given as an object or as text; else null. */
  private static Map<String, String> label(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      if (!map.values().stream().allMatch(v -> v instanceof String)) {
        return null;
      }
      map.forEach((k, v) -> out.put(String.valueOf(k), (String) v));
      return out;
    }
    if (!(value instanceof String text)) {
      return null;
    }
    JsonNode tree;
    try {
      tree = STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (tree == null || !tree.isObject()) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        return null;
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static boolean add(List<String> rules, String rule, boolean denies) {
    rules.add(rule);
    return denies;
  }

  /** No pack in force: denied, and a data share denied as a whole allows no field. */
  private static Answer noPack(boolean share) {
    return new Answer(true, List.of("TOLLGATE-NO-APPLICABLE-PACK"), List.of(), share ? List.of() : null);
  }
}
