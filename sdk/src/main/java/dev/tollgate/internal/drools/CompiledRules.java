package dev.tollgate.internal.drools;

import static org.drools.model.DSL.declarationOf;
import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.alphaIndexedBy;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import dev.tollgate.internal.facts.FactTest;
import dev.tollgate.internal.facts.Facts;
import dev.tollgate.internal.facts.RuleSpec;
import dev.tollgate.rules.EffectivePeriod;
import java.util.List;
import org.drools.model.Index;
import org.drools.model.PatternDSL;
import org.drools.model.Rule;
import org.drools.model.Variable;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A set of rules compiled once into a Drools KieBase, evaluated against one {@link Facts} per call.
 *
 * <p>Thread-safe: the KieBase and the session pool are shared, and each evaluation borrows its own
 * session and returns it reset.
 */
public final class CompiledRules implements AutoCloseable {
  private final KieBase kieBase;
  private final KieSessionsPool pool;

  private CompiledRules(KieBase kieBase, int poolSize) {
    this.kieBase = kieBase;
    this.pool = kieBase.newKieSessionsPool(poolSize);
  }

  /** Compiles the rules; an empty list gives rules that never match. */
  public static CompiledRules compile(List<RuleSpec> specs) {
    ModelImpl model = new ModelImpl();
    for (RuleSpec spec : specs) {
      model.addRule(toDrools(spec));
    }
    return new CompiledRules(KieBaseBuilder.createKieBaseFromModel(model),
        Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  private static Rule toDrools(RuleSpec spec) {
    Variable<Facts> facts = declarationOf(Facts.class);
    int pack = spec.pack();
    PatternDSL.PatternDef<Facts> p = pattern(facts).expr("pack#" + pack, f -> f.packSelected(pack));
    EffectivePeriod effective = spec.effective();
    if (!effective.equals(EffectivePeriod.ALWAYS)) {
      p = p.expr("day in [" + effective.from() + ", " + effective.to() + ")", f -> effective.covers(f.day()));
    }
    for (FactTest test : spec.tests()) {
      if (test.indexField() != null) {
        int slot = test.indexField().ordinal();
        p = p.expr(test.id(), test.predicate()::test,
            alphaIndexedBy(Object.class, Index.ConstraintType.EQUAL, slot, f -> f.value(slot), test.indexValue()));
      } else {
        p = p.expr(test.id(), test.predicate()::test);
      }
    }
    int index = spec.index();
    // The match is written into the decision's own facts rather than inserted as a fact of its own, which
    // saves a working-memory insert per match and the query for them afterwards (BENCHMARKS.md).
    return rule(spec.name()).build(p, on(facts).execute(f -> f.matched(index)));
  }

  /** The indexes of the rules that match, ascending. */
  public int[] evaluate(Facts facts) {
    KieSession session = pool.newKieSession();
    try {
      session.insert(facts);
      session.fireAllRules();
      return facts.matches();
    } finally {
      session.dispose();
    }
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
