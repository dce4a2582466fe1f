package dev.tollgate.micrometer;

import dev.tollgate.ContactLedger;
import dev.tollgate.Decision;
import dev.tollgate.DecisionListener;
import dev.tollgate.Finding;
import dev.tollgate.Request;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of an engine: a timer {@code tollgate.decisions} tagged {@code decision} (ALLOW or
 * DENY), a counter {@code tollgate.rule.matches} tagged {@code rule} (each finding's rule id, Tollgate's
 * own such as {@code TOLLGATE-EVALUATION-ERROR} included) and a counter {@code tollgate.ledger.errors}
 * tagged {@code operation}.
 *
 * <pre>{@code
 * TollgateMetrics metrics = new TollgateMetrics();
 * PolicyEngine engine = PolicyEngine.builder().bundledPacks()
 *     .ledger(metrics.ledger(ContactLedger.jdbc(dataSource)))
 *     .listener(metrics)
 *     .build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <p>Thread-safe. Decisions made before {@link #bindTo} are not counted; it may be bound to several
 * registries. Recording a decision looks up no meter by name: the timers are held, and the rule
 * counters are kept in a map by rule id, whose size the loaded packs bound.
 */
public final class TollgateMetrics implements DecisionListener, MeterBinder {
  private final List<Meters> bound = new CopyOnWriteArrayList<>();

  /** The meters of one registry. */
  private static final class Meters {
    final MeterRegistry registry;
    final Timer allowed;
    final Timer denied;
    final Map<String, Counter> rules = new ConcurrentHashMap<>();
    final Map<String, Counter> ledgerErrors = new ConcurrentHashMap<>();

    Meters(MeterRegistry registry) {
      this.registry = registry;
      this.allowed = timer(registry, Decision.Verdict.ALLOW);
      this.denied = timer(registry, Decision.Verdict.DENY);
      // Registered at once so that a dashboard shows 0, not "no data", until the first failure.
      for (String operation : OPERATIONS) {
        ledgerError(operation);
      }
    }

    static Timer timer(MeterRegistry registry, Decision.Verdict verdict) {
      return Timer.builder("tollgate.decisions")
          .description("Decisions made by the Tollgate engine, by verdict")
          .tag("decision", verdict.name())
          .register(registry);
    }

    Counter rule(String id) {
      return rules.computeIfAbsent(id, r -> Counter.builder("tollgate.rule.matches")
          .description("Findings of each rule in Tollgate's decisions")
          .tag("rule", r)
          .register(registry));
    }

    Counter ledgerError(String operation) {
      return ledgerErrors.computeIfAbsent(operation, o -> Counter.builder("tollgate.ledger.errors")
          .description("Failures of the Tollgate contact ledger's store, by operation")
          .tag("operation", o)
          .register(registry));
    }
  }

  private static final List<String> OPERATIONS = List.of("entries", "reserve", "record", "recordOutcome", "prune");

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    bound.add(new Meters(registry));
  }

  @Override
  public void decided(Request request, Decision decision, long nanos) {
    for (Meters meters : bound) {
      (decision.isAllowed() ? meters.allowed : meters.denied).record(nanos, TimeUnit.NANOSECONDS);
      for (Finding finding : decision.findings()) {
        meters.rule(finding.rule()).increment();
      }
    }
  }

  /**
   * The ledger, counting each failure of its store in {@code tollgate.ledger.errors} before passing it on
   * ({@link ContactLedger#observed}); the engine still reads only the contacts its rules can count.
   */
  public ContactLedger ledger(ContactLedger ledger) {
    Objects.requireNonNull(ledger, "ledger");
    return ContactLedger.observed(ledger, (operation, failure) -> ledgerFailed(operation));
  }

  private void ledgerFailed(String operation) {
    for (Meters meters : bound) {
      meters.ledgerError(operation).increment();
    }
  }
}
