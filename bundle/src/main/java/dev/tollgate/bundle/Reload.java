package dev.tollgate.bundle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The result of one attempt to load a new bundle: loaded, or refused and why. A listener given to
 * {@link BundleSource.Builder#listener} is told of each; a check that finds the same bundle as before tells
 * nothing.
 *
 * @param outcome loaded or refused
 * @param revision the new bundle's revision; null if it was refused before its manifest could be read
 * @param reason why it was refused; null when loaded
 * @param message what was wrong, naming the file, entry, pack or test; null when loaded
 * @param at when the attempt began
 * @param took how long it took, from fetching to the swap
 */
public record Reload(Outcome outcome, String revision, BundleException.Reason reason, String message, Instant at,
    Duration took) {
  public Reload {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(took, "took");
  }

  /** What became of the bundle. */
  public enum Outcome {
    /** Verified, tested, compiled and in force. */
    LOADED,
    /** Not used; the engine keeps deciding on the bundle it had. */
    REFUSED
  }

  public boolean loaded() {
    return outcome == Outcome.LOADED;
  }

  @Override
  public String toString() {
    return loaded() ? "loaded " + revision + " in " + took.toMillis() + " ms"
        : "refused " + (revision == null ? "" : revision + " ") + "(" + reason + "): " + message;
  }
}
