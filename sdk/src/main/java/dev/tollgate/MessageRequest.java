package dev.tollgate;

import dev.tollgate.internal.history.ContactList;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A proposed message (SMS, app push). Mirrors the {@code message} request of the contract one to one; a
 * null component means "unknown", never "yes". Its history is a call's: earlier contacts on every channel.
 *
 * <p>Immutable. The compact constructor rejects a missing required component with a
 * {@link NullPointerException} naming it.
 *
 * @param id the sender's own reference (required)
 * @param at when the message would be sent (required)
 * @param jurisdiction where the recipient is (required)
 * @param channel how it is sent (required)
 * @param purpose why it is sent (required)
 * @param product the subject matter, e.g. {@code credit-card}
 * @param sender who sends it (required)
 * @param text the message as the recipient will read it, signature included (required)
 * @param aiGenerated the parts of the message made by AI
 * @param voiceNote the voice note sent with the message
 * @param recipient who receives it (required)
 * @param debt the debt a collection message is about
 * @param history earlier contacts with the recipient on every channel; null lets the ledger supply them
 */
public record MessageRequest(
    String id,
    OffsetDateTime at,
    String jurisdiction,
    Channel channel,
    CallRequest.Purpose purpose,
    String product,
    Sender sender,
    String text,
    List<AiPart> aiGenerated,
    VoiceNote voiceNote,
    Recipient recipient,
    Debt debt,
    List<CallRequest.Contact> history) implements Request {

  public MessageRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(recipient, "recipient");
    aiGenerated = aiGenerated == null ? null : List.copyOf(aiGenerated);
    history = history == null ? null : ContactList.copyOf(history);
  }

  /** How a message is sent; the contract may add channels. */
  public enum Channel { SMS, APP_PUSH }

  /** A part of a message that AI made. */
  public enum AiPart { TEXT, VOICE_NOTE }

  /**
   * Who sends the message.
   *
   * @param organization the institution (required)
   * @param licensed holds the licence for the product marketed
   * @param institutionType whether the banking and insurance consumer-protection measures bind it
   * @param number the number or port the message is sent from
   * @param signature the signature (the text inside 【】) the sending port is registered with
   */
  public record Sender(String organization, Boolean licensed, CallRequest.InstitutionType institutionType,
      String number, String signature) {
    public Sender {
      Objects.requireNonNull(organization, "organization");
    }
  }

  /**
   * A voice note sent with the message.
   *
   * @param labelText the spoken AI label it plays
   * @param rhythmLabel whether it plays the short-long-short-short rhythm label
   */
  public record VoiceNote(String labelText, Boolean rhythmLabel) {}

  /**
   * Who receives the message.
   *
   * @param subject a stable pseudonymous id of the person, never a phone number (required)
   * @param timeZone the recipient's zone; null means the jurisdiction's only zone, if it has one
   * @param relationship the recipient's relationship with the sender
   * @param dataSource where the contact came from
   * @param consent what the recipient agreed to
   */
  public record Recipient(String subject, ZoneId timeZone, CallRequest.Relationship relationship,
      CallRequest.DataSource dataSource, Consent consent) {
    public Recipient {
      Objects.requireNonNull(subject, "subject");
    }
  }

  /**
   * The recipient's consent.
   *
   * @param marketing consent to marketing on this message's channel
   * @param recordedAt when the consent state was recorded
   */
  public record Consent(CallRequest.ConsentState marketing, OffsetDateTime recordedAt) {}

  /**
   * The debt a collection message is about.
   *
   * @param id the debt's reference
   * @param collector the original creditor or a collector
   * @param lateContactConsent whether the debtor agreed to contact outside the usual hours
   */
  public record Debt(String id, CallRequest.Collector collector, Boolean lateContactConsent) {}
}
