package dev.tollgate.internal;

import dev.tollgate.CallRequest;
import dev.tollgate.DataShareRequest;
import dev.tollgate.InvalidRequestException;
import dev.tollgate.Request;
import dev.tollgate.rules.Field;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * Reads request fields and computes derived facts, by {@link Field}. The switch has no default, so a
 * field added to the pack language without a way to read it does not compile.
 */
final class FactExtractor {
  private FactExtractor() {}

  /**
   * The value of {@code field} for {@code request}: String (enum values by name), Boolean, BigDecimal,
   * java.time values, List of String, or null when absent or not carried by this request type.
   *
   * @throws InvalidRequestException when a derived fact needs a field the request lacks
   */
  static Object extract(Field field, Request request) {
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
      case CALLER_ORGANIZATION -> call(request, c -> c.caller().organization());
      case CALLER_LICENSED -> call(request, c -> c.caller().licensed());
      case CALLER_NUMBER -> call(request, c -> c.caller().number());
      case CALLER_NUMBER_TYPE -> call(request, c -> name(c.caller().numberType()));
      case CALLER_DISPLAYED_NUMBER -> call(request, c -> c.caller().displayedNumber());
      case CALLER_REAL_NAME_REGISTERED -> call(request, c -> c.caller().realNameRegistered());
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
      case FIELDS -> share(request, DataShareRequest::fields);
      case SUBJECTS_COUNT -> share(request, s -> number(get(s.subjects(), DataShareRequest.Subjects::count)));
      case SUBJECTS_MINORS_UNDER_14 -> share(request, s -> get(s.subjects(), DataShareRequest.Subjects::includesMinorsUnder14));
      case LEGAL_BASIS -> share(request, s -> name(s.legalBasis()));
      case SHARE_CONSENT_SEPARATE_SHARING -> share(request, s -> get(s.consent(), DataShareRequest.Consent::separateForSharing));
      case SHARE_CONSENT_SEPARATE_SENSITIVE ->
          share(request, s -> get(s.consent(), DataShareRequest.Consent::separateForSensitive));
      case SHARE_CONSENT_NOTICE_GIVEN -> share(request, s -> names(get(s.consent(), DataShareRequest.Consent::noticeGiven)));
      case SHARE_CONSENT_WITHDRAWN -> share(request, s -> get(s.consent(), DataShareRequest.Consent::withdrawn));
      case DEIDENTIFIED -> share(request, DataShareRequest::deidentified);
      case IMPACT_ASSESSMENT -> share(request, DataShareRequest::impactAssessment);
      case CROSS_BORDER_MECHANISM -> share(request, s -> name(get(s.crossBorder(), DataShareRequest.CrossBorder::mechanism)));
      case RETENTION_DAYS -> share(request, s -> number(get(s.retention(), DataShareRequest.Retention::days)));
      case RETENTION_EXPIRED -> share(request, s -> get(s.retention(), DataShareRequest.Retention::expired));
      case AUTOMATED_MARKETING_PERSONALIZED ->
          share(request, s -> get(s.automatedMarketing(), DataShareRequest.AutomatedMarketing::personalized));
      case AUTOMATED_MARKETING_OPT_OUT ->
          share(request, s -> get(s.automatedMarketing(), DataShareRequest.AutomatedMarketing::optOutOffered));
      case RECIPIENT_CROSS_BORDER -> share(request, s -> s.recipient().country() == null ? null
          : !s.recipient().country().equals(s.jurisdiction().substring(0, 2)));
    };
  }

  /** The call's time at the callee. */
  static ZonedDateTime calleeTime(CallRequest c) {
    ZoneId zone = c.callee().timeZone() != null ? c.callee().timeZone() : Zones.singleZone(c.jurisdiction());
    if (zone == null) {
      throw new InvalidRequestException("$.callee.timeZone", "required here: a rule in force needs the callee's local "
          + "time, and jurisdiction " + c.jurisdiction() + " has more than one time zone");
    }
    return c.at().atZoneSameInstant(zone);
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
    return list == null ? null : list.stream().map(Enum::name).toList();
  }
}
