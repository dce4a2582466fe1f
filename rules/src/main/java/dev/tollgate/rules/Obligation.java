package dev.tollgate.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the caller must do when an OBLIGATION rule matches.
 *
 * @param action an upper-case action code, e.g. {@code PLAY_AI_LABEL}
 * @param params the action's parameters, as plain values (strings, numbers, booleans, lists, maps)
 */
public record Obligation(String action, Map<String, Object> params) {
  public Obligation {
    Objects.requireNonNull(action, "action");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }
}
