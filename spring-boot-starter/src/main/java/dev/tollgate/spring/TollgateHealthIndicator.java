package dev.tollgate.spring;

import dev.tollgate.PolicyEngine;
import dev.tollgate.rules.RulePack;
import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when the engine's packs are compiled and its ledger answers a read; DOWN, with the ledger's error,
 * when it does not (every call would then be denied).
 */
public class TollgateHealthIndicator extends AbstractHealthIndicator {
  /** A subject no one has: the probe reads nothing, however long the ledger. */
  static final String PROBE_SUBJECT = "tollgate-health-probe";
  private final PolicyEngine engine;

  public TollgateHealthIndicator(PolicyEngine engine) {
    super("Tollgate health check failed");
    this.engine = engine;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("packs", engine.packs().stream().map(RulePack::ref).toList());
    engine.ledger().entries(PROBE_SUBJECT, Instant.now());
    builder.up().withDetail("ledger", "reachable");
  }
}
