package dev.tollgate.internal;

import static dev.tollgate.internal.FieldValues.get;
import static dev.tollgate.internal.FieldValues.name;
import static dev.tollgate.internal.FieldValues.names;
import static dev.tollgate.rules.Field.*;

import dev.tollgate.MessageRequest;
import dev.tollgate.MessageRequest.Consent;
import dev.tollgate.MessageRequest.Debt;
import dev.tollgate.MessageRequest.VoiceNote;
import java.time.ZoneId;

/**
 * How each message field of the pack language is read from a {@link MessageRequest}, derived facts
 * included. A field added to {@link dev.tollgate.rules.Field} for messages gets its line here.
 */
final class MessageFields {
  static final FieldReaders<MessageRequest> READERS = FieldReaders.of(MessageRequest.class)
      .read(MESSAGE_CHANNEL, m -> name(m.channel()))
      .read(MESSAGE_PURPOSE, m -> name(m.purpose()))
      .read(MESSAGE_PRODUCT, MessageRequest::product)
      .read(SENDER_ORGANIZATION, m -> m.sender().organization())
      .read(SENDER_LICENSED, m -> m.sender().licensed())
      .read(SENDER_INSTITUTION_TYPE, m -> name(m.sender().institutionType()))
      .read(SENDER_NUMBER, m -> m.sender().number())
      .read(SENDER_SIGNATURE, m -> m.sender().signature())
      .read(TEXT, MessageRequest::text)
      .read(SIGNATURE_IN_TEXT, m -> signature(m.text()))
      .read(AI_GENERATED, m -> names(m.aiGenerated()))
      .read(VOICE_NOTE_LABEL_TEXT, m -> get(m.voiceNote(), VoiceNote::labelText))
      .read(VOICE_NOTE_RHYTHM_LABEL, m -> get(m.voiceNote(), VoiceNote::rhythmLabel))
      .read(RECIPIENT_SUBJECT, m -> m.recipient().subject())
      .read(RECIPIENT_TIME_ZONE, m -> get(m.recipient().timeZone(), ZoneId::getId))
      .read(RECIPIENT_RELATIONSHIP, m -> name(m.recipient().relationship()))
      .read(RECIPIENT_DATA_SOURCE, m -> name(m.recipient().dataSource()))
      .read(RECIPIENT_CONSENT_MARKETING, m -> name(get(m.recipient().consent(), Consent::marketing)))
      .read(RECIPIENT_CONSENT_RECORDED_AT, m -> get(m.recipient().consent(), Consent::recordedAt))
      .read(MESSAGE_DEBT_ID, m -> get(m.debt(), Debt::id))
      .read(MESSAGE_DEBT_COLLECTOR, m -> name(get(m.debt(), Debt::collector)))
      .read(DEBT_LATE_CONTACT_CONSENT, m -> get(m.debt(), Debt::lateContactConsent))
      .read(RECIPIENT_LOCAL_TIME, m -> FactExtractor.localTime(m).toLocalTime())
      .read(RECIPIENT_LOCAL_DATE, m -> FactExtractor.localTime(m).toLocalDate())
      .read(RECIPIENT_LOCAL_DAY_OF_WEEK, m -> FactExtractor.localTime(m).getDayOfWeek().name());

  private MessageFields() {}

  /**
   * The signature a text carries: between 【 and 】 at its start, or else at its end, white space around the
   * text ignored; null when there is none or it is empty. Carriers read it there and nowhere else.
   */
  static String signature(String text) {
    String t = text.strip();
    if (t.startsWith("【")) {
      int close = t.indexOf('】');
      if (close > 1 && t.lastIndexOf('【', close) == 0) {
        return t.substring(1, close);
      }
    }
    if (t.endsWith("】")) {
      int open = t.lastIndexOf('【');
      if (open >= 0 && open < t.length() - 2 && t.indexOf('】', open) == t.length() - 1) {
        return t.substring(open + 1, t.length() - 1);
      }
    }
    return null;
  }
}
