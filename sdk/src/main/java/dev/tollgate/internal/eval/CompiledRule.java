package dev.tollgate.internal.eval;

import dev.tollgate.Finding;
import dev.tollgate.internal.facts.FieldObjection;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RuleStatus;
import java.util.List;

/**
 * An evaluated rule as the evaluator uses it once its packs are compiled.
 *
 * @param rule the rule
 * @param pack its pack's {@code id@version}, as findings cite it
 * @param objection which requested fields it objects to when it matches; null for rules about the whole
 *     share, and for rules on calls
 * @param timing what in its condition depends on the time of the call, for nextAllowedAt
 * @param finding its finding when it names no fields, built once
 */
record CompiledRule(Rule rule, String pack, FieldObjection objection, Timing timing, Finding finding) {
  static CompiledRule of(Rule rule, String pack, FieldObjection objection, Timing timing) {
    return new CompiledRule(rule, pack, objection, timing, finding(rule, pack, null));
  }

  /** Its finding naming the fields it objects to. */
  Finding finding(List<String> fields) {
    return finding(rule, pack, fields);
  }

  private static Finding finding(Rule rule, String pack, List<String> fields) {
    return new Finding(rule.id(), rule.effect(), pack, rule.citation(), rule.message(),
        rule.status() == RuleStatus.SHADOW, fields);
  }
}
