package dev.tollgate.internal.eval;

import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.internal.facts.Facts;
import dev.tollgate.internal.facts.FieldObjection;
import dev.tollgate.rules.Effect;
import dev.tollgate.rules.ObligationTemplate;
import dev.tollgate.rules.Rule;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the matching rules of one evaluation into what a decision says: any non-shadow DENY denies,
 * obligations come from the matching non-shadow OBLIGATION rules, and a data share keeps the requested
 * fields that no DENY objects to.
 */
final class DenyOverrides {
  private DenyOverrides() {}

  /**
   * What the matches add up to.
   *
   * @param allowed for a data share, the requested fields no DENY objects to; null for other requests
   */
  record Combined(List<Finding> findings, List<Decision.Obligation> obligations, boolean deny, List<String> allowed) {}

  /**
   * @param rules the evaluated rules, indexed by match id
   * @param matches the ids of the rules that matched, in firing order
   * @param facts the facts the rules were evaluated on
   * @param values the request's field values by field ordinal, for obligation parameters that cite a field
   * @param requested the fields a data share asks for; null for other requests
   */
  static Combined combine(CompiledRule[] rules, int[] matches, Facts facts, Object[] values, List<String> requested) {
    List<Finding> findings = new ArrayList<>(matches.length);
    List<Decision.Obligation> obligations = new ArrayList<>();
    boolean deny = false;
    // Positions in the requested fields that a DENY finding objects to; null once one objects to all.
    BitSet refused = new BitSet();
    for (int m : matches) {
      CompiledRule compiledRule = rules[m];
      Rule rule = compiledRule.rule();
      FieldObjection objection = compiledRule.objection();
      BitSet objected = requested == null || objection == null ? null : objection.objected(facts);
      Finding finding = objected == null ? compiledRule.finding() : compiledRule.finding(pick(requested, objected, true));
      findings.add(finding);
      deny |= finding.denies();
      if (finding.denies() && refused != null) {
        if (objected == null) {
          refused = null;
        } else {
          refused.or(objected);
        }
      }
      if (rule.effect() == Effect.OBLIGATION && !finding.shadow()) {
        obligations.add(new Decision.Obligation(rule.id(), rule.obligation().action(),
            params(rule.obligation(), values)));
      }
    }
    List<String> allowed = requested == null ? null : refused == null ? List.of() : pick(requested, refused, false);
    return new Combined(findings, obligations, deny, allowed);
  }

  /** The requested fields whose positions are (or, with {@code in} false, are not) in {@code positions}, once each. */
  static List<String> pick(List<String> requested, BitSet positions, boolean in) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      String f = requested.get(i);
      if (positions.get(i) == in && !out.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** An obligation's parameters with each field reference replaced by the request's value, or left out when absent. */
  static Map<String, Object> params(ObligationTemplate obligation, Object[] values) {
    Map<String, Object> params = obligation.params();
    if (params.values().stream().noneMatch(v -> v instanceof ObligationTemplate.FieldValue)) {
      return params;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      Object value = v instanceof ObligationTemplate.FieldValue ref ? values[ref.field().ordinal()] : v;
      if (value != null) {
        out.put(k, value instanceof TemporalAccessor ? value.toString() : value);
      }
    });
    return out;
  }
}
