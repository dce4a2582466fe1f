package dev.tollgate.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One rule of a pack: a condition, the effect when it matches, and the law it encodes.
 *
 * @param id the rule id, {@code <JURISDICTION>-<INSTRUMENT>-<TOPIC>}, unique across packs
 * @param title what the rule is about
 * @param citation the legal source
 * @param effect what a match does to the decision
 * @param status whether the rule is evaluated and whether it decides
 * @param effective the dates the rule is in force, within the pack's own
 * @param appliesTo the request types the rule decides: its pack's, or the subset the rule names
 * @param confidence how well the legal fact was verified
 * @param note why the rule reads as it does (required below high confidence); may be null
 * @param when the condition under which the rule matches
 * @param message what a match tells the caller
 * @param obligation what the caller must do, for {@link Effect#OBLIGATION} rules; else null
 * @param justifications why a lint warning about this rule is accepted, by warning code
 *     ({@link #JUSTIFIABLE}), in file order; empty when none is
 */
public record Rule(
    String id,
    Text title,
    Citation citation,
    Effect effect,
    RuleStatus status,
    EffectivePeriod effective,
    Set<RequestType> appliesTo,
    Confidence confidence,
    String note,
    Condition when,
    Text message,
    ObligationTemplate obligation,
    Map<String, String> justifications) {
  /**
   * The warnings a rule may answer with {@code justify: {<code>: <why>}} instead of a change: those that ask for
   * a judgement (is this source good enough to deny on? do two instruments really require the same?). The
   * others point at a mistake and are fixed.
   */
  public static final Set<String> JUSTIFIABLE = Set.of("deny_on_unconfirmed_source", "same_condition");

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(citation, "citation");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(effective, "effective");
    appliesTo = Set.copyOf(appliesTo);
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(message, "message");
    if ((effect == Effect.OBLIGATION) != (obligation != null)) {
      throw new IllegalArgumentException("rule " + id + ": an obligation is required exactly when the effect is OBLIGATION");
    }
    justifications = Collections.unmodifiableMap(new LinkedHashMap<>(justifications));
  }

  /** A rule without justifications. */
  public Rule(String id, Text title, Citation citation, Effect effect, RuleStatus status, EffectivePeriod effective,
      Set<RequestType> appliesTo, Confidence confidence, String note, Condition when, Text message,
      ObligationTemplate obligation) {
    this(id, title, citation, effect, status, effective, appliesTo, confidence, note, when, message, obligation, Map.of());
  }

  /** The names of the pack parameters the condition refers to, in the order they appear. */
  public Set<String> parameters() {
    Set<String> out = new LinkedHashSet<>();
    when.parts().forEach(c -> {
      Operand operand = c instanceof Condition.Compare cmp ? cmp.operand() : c instanceof Condition.Window w ? w.atLeast() : null;
      if (operand instanceof Operand.Param p) {
        out.add(p.name());
      } else if (operand instanceof Operand.ParamEntry e) {
        out.add(e.name());
      }
    });
    return out;
  }
}
