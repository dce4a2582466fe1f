package dev.tollgate.internal;

import static dev.tollgate.internal.FieldValues.get;
import static dev.tollgate.internal.FieldValues.name;
import static dev.tollgate.internal.FieldValues.names;
import static dev.tollgate.rules.Field.*;

import dev.tollgate.CallRequest;
import dev.tollgate.CallRequest.AiLabel;
import dev.tollgate.CallRequest.Consent;
import dev.tollgate.CallRequest.Debt;
import dev.tollgate.CallRequest.DoNotCall;
import dev.tollgate.CallRequest.Script;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * How each call field of the pack language is read from a {@link CallRequest}, derived facts included.
 * A field added to {@link dev.tollgate.rules.Field} for calls gets its line here; FactExtractorTest fails
 * for a field without one.
 */
final class CallFields {
  static final FieldReaders<CallRequest> READERS = FieldReaders.of(CallRequest.class)
      .read(CALL_PURPOSE, c -> name(c.purpose()))
      .read(PRODUCT, CallRequest::product)
      .read(VOICE, c -> name(c.voice()))
      .read(INTERACTIVE, CallRequest::interactive)
      .read(AI_LABEL_SPOKEN_TEXT, c -> get(c.aiLabel(), AiLabel::spokenText))
      .read(AI_LABEL_RHYTHM, c -> get(c.aiLabel(), AiLabel::rhythm))
      .read(AI_LABEL_POSITIONS, c -> names(get(c.aiLabel(), AiLabel::positions)))
      .read(AI_LABEL_CHARS_PER_MINUTE, c -> get(c.aiLabel(), AiLabel::charsPerMinute))
      .read(AI_LABEL_RHYTHM_NORMALIZED, c -> FactExtractor.normalizeRhythm(get(c.aiLabel(), AiLabel::rhythm)))
      .read(CALLER_ORGANIZATION, c -> c.caller().organization())
      .read(CALLER_LICENSED, c -> c.caller().licensed())
      .read(CALLER_NUMBER, c -> c.caller().number())
      .read(CALLER_NUMBER_TYPE, c -> name(c.caller().numberType()))
      .read(CALLER_DISPLAYED_NUMBER, c -> c.caller().displayedNumber())
      .read(CALLER_DISPLAYED_NUMBER_MATCHES, c -> c.caller().number() == null || c.caller().displayedNumber() == null
          ? null : FactExtractor.sameDigits(c.caller().number(), c.caller().displayedNumber()))
      .read(CALLER_REAL_NAME_REGISTERED, c -> c.caller().realNameRegistered())
      .read(CALLER_INSTITUTION_TYPE, c -> name(c.caller().institutionType()))
      .read(CALLER_DISPLAYED_NUMBER_AUTHORIZED, c -> c.caller().displayedNumberAuthorized())
      .read(CALLEE_SUBJECT, c -> c.callee().subject())
      .read(CALLEE_TIME_ZONE, c -> get(c.callee().timeZone(), ZoneId::getId))
      .read(CALLEE_RELATIONSHIP, c -> name(c.callee().relationship()))
      .read(CALLEE_DATA_SOURCE, c -> name(c.callee().dataSource()))
      .read(CONSENT_MARKETING_CALLS, c -> name(get(c.callee().consent(), Consent::marketingCalls)))
      .read(CONSENT_WRITTEN, c -> get(c.callee().consent(), Consent::written))
      .read(CONSENT_AI_VOICE, c -> get(c.callee().consent(), Consent::aiVoice))
      .read(CONSENT_RECORDED_AT, c -> get(c.callee().consent(), Consent::recordedAt))
      .read(CONSENT_CALLBACK_REQUESTED_AT, c -> get(c.callee().consent(), Consent::callbackRequestedAt))
      .read(DNC_REGISTRY_LISTED_ON, c -> get(c.callee().doNotCall(), DoNotCall::registryListedOn))
      .read(DNC_INTERNAL_OPT_OUT_AT, c -> get(c.callee().doNotCall(), DoNotCall::internalOptOutAt))
      .read(DNC_OPT_OUT_IN_FORCE, CallFields::optOutInForce)
      .read(DEBT_ID, c -> get(c.debt(), Debt::id))
      .read(DEBT_COLLECTOR, c -> name(get(c.debt(), Debt::collector)))
      .read(DEBT_LATE_CALL_CONSENT, c -> get(c.debt(), Debt::lateCallConsent))
      .read(SCRIPT_ID, c -> get(c.script(), Script::id))
      .read(SCRIPT_REVIEWED, c -> get(c.script(), Script::reviewed))
      .read(CALLEE_LOCAL_TIME, c -> FactExtractor.calleeTime(c).toLocalTime())
      .read(CALLEE_LOCAL_DATE, c -> FactExtractor.calleeTime(c).toLocalDate())
      .read(CALLEE_LOCAL_DAY_OF_WEEK, c -> FactExtractor.calleeTime(c).getDayOfWeek().name());

  private CallFields() {}

  /**
   * Whether an opt-out with the institution stands at the call: null without one at or before {@code at}; false
   * when the consent was recorded after it; true otherwise. An opt-out and a consent at the same instant, or a
   * consent of unknown time, leave the opt-out standing: which came last is not known, and unknown is never yes.
   */
  private static Boolean optOutInForce(CallRequest c) {
    OffsetDateTime optOut = get(c.callee().doNotCall(), DoNotCall::internalOptOutAt);
    if (optOut == null || optOut.isAfter(c.at())) {
      return null;
    }
    OffsetDateTime consent = get(c.callee().consent(), Consent::recordedAt);
    return consent == null || !consent.isAfter(optOut);
  }
}
