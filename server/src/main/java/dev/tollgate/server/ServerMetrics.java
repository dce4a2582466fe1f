package dev.tollgate.server;

import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.rules.Effect;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's meters in a Micrometer Prometheus registry: decisions by result, findings by rule, decision
 * latency as a histogram, ledger errors and rejected requests. Thread-safe.
 */
final class ServerMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  // Meters are registered once per tag set and kept where a decision finds them without building a key:
  // registering by name, or even concatenating a lookup key, on every decision costs a noticeable share of
  // the service's time per request.
  private final Map<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();
  private final Map<String, Counter[]> findings = new ConcurrentHashMap<>();
  private final Map<Integer, Counter> rejected = new ConcurrentHashMap<>();
  private final Counter ledgerErrors = Counter.builder("tollgate.ledger.errors")
      .description("Failures of the ledger's database; each decision that needed it was denied")
      .register(registry);

  /** Counts a decision and each of its findings, and times it from {@code startNanos}. */
  void decided(String endpoint, Decision decision, long startNanos) {
    EndpointMeters meters = endpoints.computeIfAbsent(endpoint, this::endpointMeters);
    (decision.isAllowed() ? meters.allowed : meters.denied).increment();
    for (Finding f : decision.findings()) {
      Counter[] byEffect = findings.computeIfAbsent(f.rule(), k -> new Counter[Effect.values().length]);
      int effect = f.effect().ordinal();
      Counter counter = byEffect[effect];
      if (counter == null) {
        // Racing threads register the same meter; the registry hands each the one it holds.
        counter = Counter.builder("tollgate.findings")
            .description("Rules that matched, by rule and effect")
            .tag("rule", f.rule()).tag("effect", f.effect().name())
            .register(registry);
        byEffect[effect] = counter;
      }
      counter.increment();
    }
    meters.latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  private EndpointMeters endpointMeters(String endpoint) {
    return new EndpointMeters(decisions(endpoint, "ALLOW"), decisions(endpoint, "DENY"),
        Timer.builder("tollgate.decision.latency")
            .description("Time from a request's body read to its decision, by endpoint")
            .tag("endpoint", endpoint)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1).dividedBy(100))
            .maximumExpectedValue(Duration.ofSeconds(5))
            .register(registry));
  }

  private Counter decisions(String endpoint, String result) {
    return Counter.builder("tollgate.decisions")
        .description("Decisions made, by endpoint and result")
        .tag("endpoint", endpoint).tag("result", result)
        .register(registry);
  }

  /** One endpoint's decision counters by result, and its latency. */
  private record EndpointMeters(Counter allowed, Counter denied, Timer latency) {}

  /** Counts a request answered with a 4xx status (or 503 while draining) before or instead of a decision. */
  void rejected(int status) {
    rejected.computeIfAbsent(status, s -> Counter.builder("tollgate.requests.rejected")
        .description("Requests refused: unauthorised, too large, malformed, unknown endpoint")
        .tag("status", Integer.toString(s))
        .register(registry)).increment();
  }

  void ledgerError() {
    ledgerErrors.increment();
  }

  void readiness(Supplier<Number> ready) {
    Gauge.builder("tollgate.ready", ready).description("1 when the last readiness check found the ledger answering")
        .register(registry);
  }

  /** The Prometheus text exposition format. */
  String scrape() {
    return registry.scrape();
  }
}
