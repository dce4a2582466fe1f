package dev.tollgate.internal.drools;

import static org.drools.model.DSL.declarationOf;
import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.alphaIndexedBy;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import dev.tollgate.internal.facts.Constraint;
import dev.tollgate.internal.facts.Facts;
import dev.tollgate.internal.facts.RuleSpec;
import dev.tollgate.rules.EffectivePeriod;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.drools.model.Index;
import org.drools.model.PatternDSL;
import org.drools.model.Rule;
import org.drools.model.Variable;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A set of rules compiled once into a Drools KieBase, evaluated against one {@link Facts} per call.
 *
 * <p>Thread-safe: the KieBase is shared, and each evaluation borrows a session of its own from a pool and
 * gives it back empty. Emptying it is a delete of the one fact, which only walks the nodes that fact
 * reached; Drools' own session pool resets every node memory of the KieBase instead (BENCHMARKS.md).
 */
public final class CompiledRules implements AutoCloseable {
  private final KieBase kieBase;
  /** Idle sessions, each without facts; at most as many as evaluations ever ran at once. */
  private final Queue<KieSession> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  private CompiledRules(KieBase kieBase) {
    this.kieBase = kieBase;
  }

  /** Compiles the rules; an empty list gives rules that never match. */
  public static CompiledRules compile(List<RuleSpec> specs) {
    // Named, since an unnamed model takes a random UUID, and SecureRandom's first use costs a cold build.
    ModelImpl model = new ModelImpl("tollgate");
    for (RuleSpec spec : specs) {
      model.addRule(toDrools(spec));
    }
    return new CompiledRules(KieBaseBuilder.createKieBaseFromModel(model));
  }

  private static Rule toDrools(RuleSpec spec) {
    // Named, so that Drools does not generate a name for each (its generator costs a cold build a few ms).
    Variable<Facts> facts = declarationOf(Facts.class, "facts");
    int pack = spec.pack();
    PatternDSL.PatternDef<Facts> p = pattern(facts).expr("pack#" + pack, f -> f.packSelected(pack));
    EffectivePeriod effective = spec.effective();
    // Bounds compared rather than the record's equals, whose first call is linked at some cost to a cold build.
    if (effective.from() != null || effective.to() != null) {
      p = p.expr("day in [" + effective.from() + ", " + effective.to() + ")", f -> effective.covers(f.day()));
    }
    for (Constraint test : spec.tests()) {
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
    if (closed) {
      // What Drools' session pool threw after its shutdown, so a decision after close reads as before.
      throw new IllegalStateException("Illegal method call. This session pool was previously disposed.");
    }
    KieSession session = idle.poll();
    if (session == null) {
      session = kieBase.newKieSession();
    }
    boolean empty = false;
    try {
      FactHandle handle = session.insert(facts);
      session.fireAllRules();
      session.delete(handle);
      empty = true;
      return facts.matches();
    } finally {
      if (empty && !closed) {
        idle.offer(session);
        if (closed && idle.remove(session)) {
          session.dispose();
        }
      } else {
        // A session a rule failed in may hold anything: never reuse it.
        session.dispose();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (KieSession session; (session = idle.poll()) != null; ) {
      session.dispose();
    }
  }
}
