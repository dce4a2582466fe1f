package dev.tollgate.rules;

import java.util.List;

/** The kinds of proposal a pack can decide, named as in the request's {@code type} field. */
public enum RequestType {
  CALL("call", Contacts.CHANNELS, Contacts.OUTCOMES),
  DATA_SHARE("data-share", List.of(), List.of()),
  /** A message (SMS, app push); its history is a call's, since one ledger holds contacts on every channel. */
  MESSAGE("message", Contacts.CHANNELS, Contacts.OUTCOMES);

  /** The channels and outcomes of a person's earlier contacts, the same for every type with a history. */
  private static final class Contacts {
    static final List<String> CHANNELS = List.of("CALL", "SMS", "APP_PUSH");
    static final List<String> OUTCOMES = List.of("CONVERSATION", "NO_ANSWER", "VOICEMAIL", "NOT_CONNECTED", "REFUSED");
  }

  private final String wireName;
  private final List<String> contactChannels;
  private final List<String> contactOutcomes;

  RequestType(String wireName, List<String> contactChannels, List<String> contactOutcomes) {
    this.wireName = wireName;
    this.contactChannels = contactChannels;
    this.contactOutcomes = contactOutcomes;
  }

  /** The name used in JSON requests and in packs' {@code appliesTo}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The channels of the earlier contacts this type's requests carry in {@code history[].channel}, which
   * rolling-window conditions count; empty for a type without a contact history.
   */
  public List<String> contactChannels() {
    return contactChannels;
  }

  /** The outcomes of those earlier contacts ({@code history[].outcome}); empty without a contact history. */
  public List<String> contactOutcomes() {
    return contactOutcomes;
  }

  /**
   * The type with the given wire name.
   *
   * @throws IllegalArgumentException if no type has that name
   */
  public static RequestType fromWireName(String name) {
    for (RequestType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown request type '" + name + "' (expected call, data-share or message)");
  }
}
