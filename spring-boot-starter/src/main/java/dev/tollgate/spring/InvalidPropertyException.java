package dev.tollgate.spring;

/** A {@code tollgate.*} property whose value the engine cannot be built with; its message names the property. */
public final class InvalidPropertyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final String property;

  InvalidPropertyException(String property, String message) {
    super(property + ": " + message);
    this.property = property;
  }

  InvalidPropertyException(String property, String message, Throwable cause) {
    super(property + ": " + message, cause);
    this.property = property;
  }

  /** The property, as written in application.yml or .properties, e.g. {@code tollgate.pins[0]}. */
  public String property() {
    return property;
  }
}
