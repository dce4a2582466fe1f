package dev.tollgate.rules;

/** The kinds of proposal a pack can decide, named as in the request's {@code type} field. */
public enum RequestType {
  CALL("call"),
  DATA_SHARE("data-share");

  private final String wireName;

  RequestType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON requests and in packs' {@code appliesTo}. */
  public String wireName() {
    return wireName;
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
    throw new IllegalArgumentException("unknown request type '" + name + "' (expected call or data-share)");
  }
}
