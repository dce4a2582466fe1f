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

  /** Counts an attempt to load a new bundle, by outcome and, for a refusal, reason. */
  void bundleReload(dev.tollgate.bundle.Reload reload) {
    Counter.builder("tollgate.bundle.reloads").description("Attempts to load a new bundle, by outcome and reason")
        .tag("outcome", reload.outcome().name()).tag("reason", reload.reason() == null ? "" : reload.reason().name())
        .register(registry).increment();
    if (reload.loaded()) {
      // One series per revision ever loaded, 1 while it is in force: the revision is a label, as Prometheus' info metrics do.
      String revision = reload.revision();
      Gauge.builder("tollgate.bundle.active", bundleStatus, s -> s.get() != null && revision.equals(s.get().get().revision()) ? 1 : 0)
          .description("1 for the bundle revision in force").tag("revision", revision).register(registry);
    }
  }

  private final java.util.concurrent.atomic.AtomicReference<Supplier<dev.tollgate.bundle.BundleSource.Status>> bundleStatus =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** Gauges of the bundle in force: how long the engine has decided on a stale one, when it last looked. */
  void bundle(dev.tollgate.bundle.BundleSource source) {
    bundleStatus.set(source::status);
    Gauge.builder("tollgate.bundle.stale.seconds", source, s -> s.status().staleFor(java.time.Instant.now()).toMillis() / 1000.0)
        .description("Seconds since the first refused bundle after the one in force; 0 when the last attempt loaded")
        .register(registry);
    Gauge.builder("tollgate.bundle.last.attempt.timestamp.seconds", source,
            s -> s.status().lastAttempt() == null ? 0 : s.status().lastAttempt().at().toEpochMilli() / 1000.0)
        .description("When the last attempt to load a new bundle began, in seconds since the epoch").register(registry);
    Gauge.builder("tollgate.bundle.loaded.timestamp.seconds", source,
            s -> s.status().loadedAt() == null ? 0 : s.status().loadedAt().toEpochMilli() / 1000.0)
        .description("When the bundle in force was loaded, in seconds since the epoch").register(registry);
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
