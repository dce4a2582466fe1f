package dev.tollgate.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the caller must do when an OBLIGATION rule matches, as the pack declares it: the engine fills in
 * the {@link FieldValue} parameters from the request and returns it as a {@code Decision.Obligation}.
 *
 * @param action an upper-case action code, e.g. {@code PLAY_AI_LABEL}
 * @param params the action's parameters, as plain values (strings, numbers, booleans, lists, maps), or a
 *     {@link FieldValue} that the engine replaces with the request's value of that field
 */
public record ObligationTemplate(String action, Map<String, Object> params) {
  public ObligationTemplate {
    Objects.requireNonNull(action, "action");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * A parameter whose value is taken from the request when the obligation is returned, written
   * {@code {field: aiLabel.positions}} as the whole value of a parameter; the parameter is left out
   * when the request has no value there.
   *
   * @param field a field of the request (not of a list item)
   */
  public record FieldValue(Field field) {
    public FieldValue {
      Objects.requireNonNull(field, "field");
    }

    @Override
    public String toString() {
      return "{field: " + field.path() + "}";
    }
  }
}
