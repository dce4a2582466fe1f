package dev.tollgate.server;

import dev.tollgate.PolicyEngine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Engines that decide under a pack version pinned by a request ({@code POST /v1/decisions?pin=...}), as
 * the console offers: each built on first use with the service's own packs, overlay and ledger plus the
 * pin, and kept until the service stops. At most {@link #MAX} distinct pins, so that requests cannot
 * make the service compile engines without end.
 */
final class PinnedEngines implements AutoCloseable {
  static final int MAX = 8;
  private final Function<String, PolicyEngine> build;
  private final Map<String, PolicyEngine> engines = new ConcurrentHashMap<>();

  PinnedEngines(Function<String, PolicyEngine> build) {
    this.build = build;
  }

  /**
   * The engine for {@code pin} ({@code pack-id@version}).
   *
   * @throws IllegalArgumentException if the pin is malformed, names no loaded pack version, or would be
   *     one too many
   */
  PolicyEngine get(String pin) {
    PolicyEngine engine = engines.get(pin);
    if (engine != null) {
      return engine;
    }
    synchronized (this) {
      if (!engines.containsKey(pin) && engines.size() >= MAX) {
        throw new IllegalArgumentException("this service already decides under " + MAX
            + " pinned versions; pin this one with --pin when it starts");
      }
      try {
        return engines.computeIfAbsent(pin, build);
      } catch (IllegalArgumentException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    engines.values().forEach(PolicyEngine::close);
  }
}
