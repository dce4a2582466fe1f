package dev.tollgate.spring;

/** A {@code tollgate.*} property whose value the engine cannot be built with; its message starts with the property. */
final class InvalidPropertyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  InvalidPropertyException(String property, String message) {
    super(property + ": " + message);
  }

  InvalidPropertyException(String property, String message, Throwable cause) {
    super(property + ": " + message, cause);
  }
}
