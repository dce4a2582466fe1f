package dev.tollgate;

/**
 * Thrown when a request does not follow the request contract; the message names the JSON path.
 *
 * <p>{@link PolicyEngine#decideJson(String)} does not throw it: it returns a DENY citing
 * {@code TOLLGATE-INVALID-REQUEST} with the same message.
 */
public final class InvalidRequestException extends IllegalArgumentException {
  private final String path;

  /**
   * @param path the JSON path of the offending value, e.g. {@code $.callee.consent.marketingCalls}
   * @param message what is wrong with it
   */
  public InvalidRequestException(String path, String message) {
    super(path + ": " + message);
    this.path = path;
  }

  /** The JSON path of the offending value. */
  public String path() {
    return path;
  }
}
