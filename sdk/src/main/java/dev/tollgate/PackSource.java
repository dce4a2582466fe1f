package dev.tollgate;

import dev.tollgate.rules.RulePack;
import java.util.List;

/**
 * Where an engine gets packs that change while it runs: a signed bundle watched for new revisions, say
 * (the {@code tollgate-bundle} module). Given to {@link PolicyEngine.Builder#bundle}, it is opened once by
 * {@code build()} and closed by {@link PolicyEngine#close()}.
 *
 * <p>Each set it loads replaces the engine's packs in one step: a decision runs wholly on the set that was
 * in force when it began, and names that set's revision in {@link Decision#bundle()}. Deciding threads
 * never wait for a load; the packs a load replaces are released once no decision uses them.
 */
public interface PackSource extends AutoCloseable {
  /**
   * Starts feeding the engine: loads the first set with {@code loader} before returning, then each later
   * set as it comes (from a thread of its own, one load at a time).
   *
   * @throws RuntimeException if there is no first set to load; {@code build()} throws it on
   */
  void open(Loader loader);

  /** Stops loading; a load under way may finish. */
  @Override
  void close();

  /** Loads a set of packs into the engine that opened the source. */
  @FunctionalInterface
  interface Loader {
    /**
     * Compiles the packs with the engine's settings (pins, overrides, clock) and makes them the packs of
     * every decision that begins after this returns. If they cannot be used, the engine keeps the packs it
     * had and this throws.
     *
     * @param revision the name decisions made on these packs carry, e.g. the bundle's revision
     * @param packs the packs, every version, as {@link dev.tollgate.rules.RulePackLoader} loaded them
     * @throws dev.tollgate.rules.RulePackException if the packs clash (a rule id in two packs) or the overlay
     *     does not fit them
     * @throws IllegalStateException if a pinned version is not among them, or the rules' windows read
     *     further back than the engine's retention keeps
     * @throws RuntimeException whatever else stops the rules compiling
     */
    void load(String revision, List<RulePack> packs);
  }
}
