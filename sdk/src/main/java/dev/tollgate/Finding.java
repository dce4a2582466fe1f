package dev.tollgate;

import dev.tollgate.rules.Citation;
import dev.tollgate.rules.Effect;
import dev.tollgate.rules.Text;
import java.util.List;
import java.util.Objects;

/**
 * One rule that matched a request, with the law behind it.
 *
 * @param rule the rule id, e.g. {@code CN-CONSUMER-COMMERCIAL-CONSENT}
 * @param effect what the rule does: DENY, WARN or OBLIGATION
 * @param pack the pack that holds the rule, {@code id@version}, or {@code tollgate} for system findings
 * @param citation the legal source
 * @param message what the finding tells the caller
 * @param shadow true when the rule is in SHADOW status: reported, but it did not decide
 * @param fields for a data share and a rule that tests fields one by one ({@code anyField}), the
 *     requested fields the finding is about, in request order; null when it is about the share as a whole
 */
public record Finding(String rule, Effect effect, String pack, Citation citation, Text message, boolean shadow,
    List<String> fields) {
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(citation, "citation");
    Objects.requireNonNull(message, "message");
    fields = fields == null ? null : List.copyOf(fields);
  }

  /** A finding about the request as a whole. */
  public Finding(String rule, Effect effect, String pack, Citation citation, Text message, boolean shadow) {
    this(rule, effect, pack, citation, message, shadow, null);
  }

  /** Whether this finding makes the decision DENY. */
  public boolean denies() {
    return effect == Effect.DENY && !shadow;
  }
}
