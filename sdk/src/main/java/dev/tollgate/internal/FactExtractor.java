package dev.tollgate.internal;

import dev.tollgate.CallRequest;
import dev.tollgate.DataShareRequest;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.Request;
import dev.tollgate.rules.Field;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads request fields and computes derived facts, by {@link Field}. The switch has no default, so a
 * field added to the pack language without a way to read it does not compile.
 */
public final class FactExtractor {
  private static final Set<Field> AIGC_FIELDS = EnumSet.of(Field.CONTENT_AIGC_STATUS, Field.CONTENT_AIGC_LABEL,
      Field.CONTENT_AIGC_CONTENT_PRODUCER, Field.CONTENT_AIGC_PRODUCE_ID, Field.CONTENT_AIGC_RESERVED_CODE1,
      Field.CONTENT_AIGC_CONTENT_PROPAGATOR, Field.CONTENT_AIGC_PROPAGATE_ID, Field.CONTENT_AIGC_RESERVED_CODE2,
      Field.CONTENT_AIGC_PRINTABLE_ASCII);
  // Full stop, middle dot, bullet, bullet operator, dot operator, katakana and halfwidth middle dots,
  // fullwidth full stop, and 短 ("short") as GB 45438 writes the rhythm.
  private static final String DOTS = ".\u00B7\u2022\u2219\u22C5\u30FB\uFF65\uFF0E\u77ED";
  // Hyphen-minus, em and en dash, minus sign, hyphen, non-breaking hyphen, figure dash, horizontal bar,
  // low line, fullwidth hyphen-minus, and 长 / 長 ("long").
  private static final String DASHES = "-\u2014\u2013\u2212\u2010\u2011\u2012\u2015_\uFF0D\u957F\u9577";

  private static final int FIELD_COUNT = Field.values().length;
  /** What people write between the digits of a phone number: whitespace, hyphens, dots and brackets. */
  private static final String SEPARATORS = " \t\n\u000B\f\r-().";

  private FactExtractor() {}

  /**
   * The value of {@code field} for {@code request}: String (enum values by name), Boolean, BigDecimal,
   * java.time values, List of String, or null when absent or not carried by this request type.
   *
   * @throws InvalidRequestException when a derived fact needs a field the request lacks
   */
  public static Object extract(Field field, Request request) {
    return switch (field) {
      case ID -> request.id();
      case AT -> request.at();
      case JURISDICTION -> request.jurisdiction();
      case CALL_PURPOSE -> call(request, c -> name(c.purpose()));
      case PRODUCT -> call(request, CallRequest::product);
      case VOICE -> call(request, c -> name(c.voice()));
      case INTERACTIVE -> call(request, CallRequest::interactive);
      case AI_LABEL_SPOKEN_TEXT -> call(request, c -> get(c.aiLabel(), CallRequest.AiLabel::spokenText));
      case AI_LABEL_RHYTHM -> call(request, c -> get(c.aiLabel(), CallRequest.AiLabel::rhythm));
      case AI_LABEL_POSITIONS -> call(request, c -> names(get(c.aiLabel(), CallRequest.AiLabel::positions)));
      case AI_LABEL_CHARS_PER_MINUTE -> call(request, c -> get(c.aiLabel(), CallRequest.AiLabel::charsPerMinute));
      case AI_LABEL_RHYTHM_NORMALIZED -> call(request, c -> normalizeRhythm(get(c.aiLabel(), CallRequest.AiLabel::rhythm)));
      case CALLER_ORGANIZATION -> call(request, c -> c.caller().organization());
      case CALLER_LICENSED -> call(request, c -> c.caller().licensed());
      case CALLER_NUMBER -> call(request, c -> c.caller().number());
      case CALLER_NUMBER_TYPE -> call(request, c -> name(c.caller().numberType()));
      case CALLER_DISPLAYED_NUMBER -> call(request, c -> c.caller().displayedNumber());
      case CALLER_DISPLAYED_NUMBER_MATCHES -> call(request, c -> c.caller().number() == null
          || c.caller().displayedNumber() == null ? null
          : sameDigits(c.caller().number(), c.caller().displayedNumber()));
      case CALLER_REAL_NAME_REGISTERED -> call(request, c -> c.caller().realNameRegistered());
      case CALLER_INSTITUTION_TYPE -> call(request, c -> name(c.caller().institutionType()));
      case CALLER_DISPLAYED_NUMBER_AUTHORIZED -> call(request, c -> c.caller().displayedNumberAuthorized());
      case CALLEE_SUBJECT -> call(request, c -> c.callee().subject());
      case CALLEE_TIME_ZONE -> call(request, c -> get(c.callee().timeZone(), ZoneId::getId));
      case CALLEE_RELATIONSHIP -> call(request, c -> name(c.callee().relationship()));
      case CALLEE_DATA_SOURCE -> call(request, c -> name(c.callee().dataSource()));
      case CONSENT_MARKETING_CALLS -> call(request, c -> name(get(c.callee().consent(), CallRequest.Consent::marketingCalls)));
      case CONSENT_WRITTEN -> call(request, c -> get(c.callee().consent(), CallRequest.Consent::written));
      case CONSENT_AI_VOICE -> call(request, c -> get(c.callee().consent(), CallRequest.Consent::aiVoice));
      case CONSENT_RECORDED_AT -> call(request, c -> get(c.callee().consent(), CallRequest.Consent::recordedAt));
      case CONSENT_CALLBACK_REQUESTED_AT ->
          call(request, c -> get(c.callee().consent(), CallRequest.Consent::callbackRequestedAt));
      case DNC_REGISTRY_LISTED_ON -> call(request, c -> get(c.callee().doNotCall(), CallRequest.DoNotCall::registryListedOn));
      case DNC_INTERNAL_OPT_OUT_AT -> call(request, c -> get(c.callee().doNotCall(), CallRequest.DoNotCall::internalOptOutAt));
      case DNC_OPT_OUT_IN_FORCE -> call(request, FactExtractor::optOutInForce);
      case DEBT_ID -> call(request, c -> get(c.debt(), CallRequest.Debt::id));
      case DEBT_COLLECTOR -> call(request, c -> name(get(c.debt(), CallRequest.Debt::collector)));
      case DEBT_LATE_CALL_CONSENT -> call(request, c -> get(c.debt(), CallRequest.Debt::lateCallConsent));
      case SCRIPT_ID -> call(request, c -> get(c.script(), CallRequest.Script::id));
      case SCRIPT_REVIEWED -> call(request, c -> get(c.script(), CallRequest.Script::reviewed));
      case CALLEE_LOCAL_TIME -> call(request, c -> calleeTime(c).toLocalTime());
      case CALLEE_LOCAL_DATE -> call(request, c -> calleeTime(c).toLocalDate());
      case CALLEE_LOCAL_DAY_OF_WEEK -> call(request, c -> calleeTime(c).getDayOfWeek().name());
      case SHARE_PURPOSE -> share(request, DataShareRequest::purpose);
      case RECIPIENT_ID -> share(request, s -> s.recipient().id());
      case RECIPIENT_ROLE -> share(request, s -> name(s.recipient().role()));
      case RECIPIENT_COUNTRY -> share(request, s -> s.recipient().country());
      case RECIPIENT_CONTRACT_PURPOSE_LIMITED ->
          share(request, s -> get(s.recipient().contract(), DataShareRequest.Contract::purposeLimited));
      case RECIPIENT_CONTRACT_REUSE ->
          share(request, s -> get(s.recipient().contract(), DataShareRequest.Contract::reuseForOwnPurposes));
      case RECIPIENT_LICENSED_CREDIT_REPORTING -> share(request, s -> s.recipient().licensedCreditReporting());
      case FIELDS -> share(request, DataShareRequest::fields);
      case SUBJECTS_COUNT -> share(request, s -> number(get(s.subjects(), DataShareRequest.Subjects::count)));
      case SUBJECTS_MINORS_UNDER_14 -> share(request, s -> get(s.subjects(), DataShareRequest.Subjects::includesMinorsUnder14));
      case LEGAL_BASIS -> share(request, s -> name(s.legalBasis()));
      case SHARE_CONSENT_SEPARATE_SHARING -> share(request, s -> get(s.consent(), DataShareRequest.Consent::separateForSharing));
      case SHARE_CONSENT_SEPARATE_SENSITIVE ->
          share(request, s -> get(s.consent(), DataShareRequest.Consent::separateForSensitive));
      case SHARE_CONSENT_NOTICE_GIVEN -> share(request, s -> names(get(s.consent(), DataShareRequest.Consent::noticeGiven)));
      case SHARE_CONSENT_WITHDRAWN -> share(request, s -> get(s.consent(), DataShareRequest.Consent::withdrawn));
      case SHARE_CONSENT_GUARDIAN -> share(request, s -> get(s.consent(), DataShareRequest.Consent::guardianForMinors));
      case SHARE_CONSENT_WRITTEN -> share(request, s -> get(s.consent(), DataShareRequest.Consent::written));
      case DEIDENTIFIED -> share(request, DataShareRequest::deidentified);
      case IMPACT_ASSESSMENT -> share(request, DataShareRequest::impactAssessment);
      case CROSS_BORDER_MECHANISM -> share(request, s -> name(get(s.crossBorder(), DataShareRequest.CrossBorder::mechanism)));
      case CROSS_BORDER_CIIO -> share(request, s -> get(s.crossBorder(), DataShareRequest.CrossBorder::ciio));
      case CROSS_BORDER_PERSONS -> share(request, s -> number(get(s.crossBorder(), DataShareRequest.CrossBorder::personsThisYear)));
      case CROSS_BORDER_SENSITIVE_PERSONS ->
          share(request, s -> number(get(s.crossBorder(), DataShareRequest.CrossBorder::sensitivePersonsThisYear)));
      case CROSS_BORDER_EXEMPTION -> share(request, s -> name(get(s.crossBorder(), DataShareRequest.CrossBorder::exemption)));
      case RETENTION_DAYS -> share(request, s -> number(get(s.retention(), DataShareRequest.Retention::days)));
      case RETENTION_EXPIRED -> share(request, s -> get(s.retention(), DataShareRequest.Retention::expired));
      case AUTOMATED_MARKETING_PERSONALIZED ->
          share(request, s -> get(s.automatedMarketing(), DataShareRequest.AutomatedMarketing::personalized));
      case AUTOMATED_MARKETING_OPT_OUT ->
          share(request, s -> get(s.automatedMarketing(), DataShareRequest.AutomatedMarketing::optOutOffered));
      case RECIPIENT_CROSS_BORDER -> share(request, s -> s.recipient().country() == null ? null
          : !s.recipient().country().equals(s.jurisdiction().substring(0, 2)));
      // The list itself; the evaluator turns each file into facts of its own with item().
      case CONTENT -> share(request, DataShareRequest::content);
      case FIELDS_NAME, CONTENT_NAME, CONTENT_KIND, CONTENT_AI_GENERATED, CONTENT_EXPLICIT_LABEL, CONTENT_LABEL_REMOVED,
          CONTENT_UNLABELED_ON_REQUEST,
          CONTENT_AIGC_STATUS, CONTENT_AIGC_LABEL, CONTENT_AIGC_CONTENT_PRODUCER, CONTENT_AIGC_PRODUCE_ID,
          CONTENT_AIGC_RESERVED_CODE1, CONTENT_AIGC_CONTENT_PROPAGATOR, CONTENT_AIGC_PROPAGATE_ID,
          CONTENT_AIGC_RESERVED_CODE2, CONTENT_AIGC_PRINTABLE_ASCII ->
          throw new IllegalArgumentException(field.path() + " has a value per item of a list; read it with item()");
    };
  }

  /**
   * The values of the given item fields for one item of a list field, in slots by field ordinal; the
   * other slots are null. The AIGC metadata is parsed at most once per item.
   *
   * @param item an element of the list that {@link #extract} returned for the item fields' list: a file
   *     of {@code content} or a name of {@code fields}
   * @throws IllegalArgumentException if a field is not a field of that kind of item
   */
  public static Object[] item(Object item, Collection<Field> fields) {
    Object[] out = new Object[FIELD_COUNT];
    if (item instanceof String name) {
      for (Field field : fields) {
        if (field != Field.FIELDS_NAME) {
          throw new IllegalArgumentException(field.path() + " is not a field of a requested field name");
        }
        out[field.ordinal()] = name;
      }
      return out;
    }
    DataShareRequest.Artifact a = (DataShareRequest.Artifact) item;
    AigcMetadata aigc = null;
    for (Field field : fields) {
      if (AIGC_FIELDS.contains(field)) {
        aigc = AigcMetadata.of(a.metadata());
        break;
      }
    }
    for (Field field : fields) {
      out[field.ordinal()] = switch (field) {
        case CONTENT_NAME -> a.name();
        case CONTENT_KIND -> name(a.kind());
        case CONTENT_AI_GENERATED -> a.aiGenerated();
        case CONTENT_EXPLICIT_LABEL -> a.explicitLabel();
        case CONTENT_LABEL_REMOVED -> a.labelRemoved();
        case CONTENT_UNLABELED_ON_REQUEST -> a.unlabeledOnRequest();
        case CONTENT_AIGC_STATUS -> aigc.status().name();
        case CONTENT_AIGC_LABEL -> aigc.element("Label");
        case CONTENT_AIGC_CONTENT_PRODUCER -> aigc.element("ContentProducer");
        case CONTENT_AIGC_PRODUCE_ID -> aigc.element("ProduceID");
        case CONTENT_AIGC_RESERVED_CODE1 -> aigc.element("ReservedCode1");
        case CONTENT_AIGC_CONTENT_PROPAGATOR -> aigc.element("ContentPropagator");
        case CONTENT_AIGC_PROPAGATE_ID -> aigc.element("PropagateID");
        case CONTENT_AIGC_RESERVED_CODE2 -> aigc.element("ReservedCode2");
        case CONTENT_AIGC_PRINTABLE_ASCII -> aigc.printableAscii();
        default -> throw new IllegalArgumentException(field.path() + " is not a field of a content item");
      };
    }
    return out;
  }

  /**
   * An audio rhythm label in one spelling: dot-like characters and 短 become {@code .}, dash-like ones
   * and 长 become {@code -}, each run of spaces or slashes one space, with no gap at either end; other
   * characters are kept so that the result no longer matches a valid rhythm. Null stays null.
   */
  static String normalizeRhythm(String rhythm) {
    if (rhythm == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(rhythm.length());
    boolean gap = false;
    for (int i = 0; i < rhythm.length(); ) {
      int c = rhythm.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '/') {
        gap = sb.length() > 0;
        continue;
      }
      if (gap) {
        sb.append(' ');
        gap = false;
      }
      if (DOTS.indexOf(c) >= 0) {
        sb.append('.');
      } else if (DASHES.indexOf(c) >= 0) {
        sb.append('-');
      } else {
        sb.appendCodePoint(c);
      }
    }
    return sb.toString();
  }


  /**
   * Whether two phone numbers are the same once the spaces, hyphens, dots and brackets people write in
   * them are left out. Compared in place: a regular expression per call was a visible part of a decision, and
   * building the two stripped strings most of what was left (BENCHMARKS.md).
   */
  static boolean sameDigits(String a, String b) {
    int i = 0;
    int j = 0;
    while (true) {
      while (i < a.length() && SEPARATORS.indexOf(a.charAt(i)) >= 0) {
        i++;
      }
      while (j < b.length() && SEPARATORS.indexOf(b.charAt(j)) >= 0) {
        j++;
      }
      if (i == a.length() || j == b.length()) {
        return i == a.length() && j == b.length();
      }
      if (a.charAt(i++) != b.charAt(j++)) {
        return false;
      }
    }
  }

  /**
   * Whether an opt-out with the institution stands at the call: null without one at or before {@code at}; false
   * when the consent was recorded after it; true otherwise. An opt-out and a consent at the same instant, or a
   * consent of unknown time, leave the opt-out standing: which came last is not known, and unknown is never yes.
   */
  private static Boolean optOutInForce(CallRequest c) {
    OffsetDateTime optOut = get(c.callee().doNotCall(), CallRequest.DoNotCall::internalOptOutAt);
    if (optOut == null || optOut.isAfter(c.at())) {
      return null;
    }
    OffsetDateTime consent = get(c.callee().consent(), CallRequest.Consent::recordedAt);
    return consent == null || !consent.isAfter(optOut);
  }

  /** The callee's time zone: callee.timeZone, or the jurisdiction's only zone. */
  public static ZoneId calleeZone(CallRequest c) {
    ZoneId zone = c.callee().timeZone() != null ? c.callee().timeZone() : Zones.singleZone(c.jurisdiction());
    if (zone == null) {
      throw new InvalidRequestException("$.callee.timeZone", "required here: a rule in force needs the callee's local "
          + "time, and jurisdiction " + c.jurisdiction() + " has more than one time zone");
    }
    return zone;
  }

  /** The call's time at the callee. */
  static LocalDateTime calleeTime(CallRequest c) {
    return Zones.local(c.at(), calleeZone(c));
  }

  private static Object call(Request r, Function<CallRequest, Object> f) {
    return r instanceof CallRequest c ? f.apply(c) : null;
  }

  private static Object share(Request r, Function<DataShareRequest, Object> f) {
    return r instanceof DataShareRequest s ? f.apply(s) : null;
  }

  private static <T, R> R get(T holder, Function<T, R> f) {
    return holder == null ? null : f.apply(holder);
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }

  private static BigDecimal number(Long n) {
    return n == null ? null : BigDecimal.valueOf(n);
  }

  private static List<String> names(List<? extends Enum<?>> list) {
    if (list == null) {
      return null;
    }
    String[] out = new String[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i).name();
    }
    return List.of(out);
  }
}
