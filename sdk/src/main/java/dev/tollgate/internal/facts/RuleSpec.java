package dev.tollgate.internal.facts;

import dev.tollgate.rules.EffectivePeriod;
import java.util.List;

/**
 * A pack rule ready for the rule engine: its position, the pack guard, its effective dates and its
 * constraints with parameters resolved.
 *
 * @param index the rule's position across all loaded packs; findings are reported in this order
 * @param name a unique name, {@code pack@version/RULE-ID}
 * @param pack the position of its pack in the engine's pack list
 * @param effective the rule's own effective dates
 * @param tests the constraints that must all hold
 */
public record RuleSpec(int index, String name, int pack, EffectivePeriod effective, List<Constraint> tests) {
  public RuleSpec {
    tests = List.copyOf(tests);
  }
}
