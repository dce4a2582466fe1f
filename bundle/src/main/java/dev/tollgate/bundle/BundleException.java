package dev.tollgate.bundle;

import java.util.Objects;

/**
 * A bundle that cannot be used, and why: the {@link #reason()} says which kind of fault, the message names
 * the file, entry or pack at fault.
 */
public final class BundleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kinds of fault, as the {@code tollgate bundle verify} exit status and the reload results tell them. */
  public enum Reason {
    /** Not a bundle, or cut short: not a zip archive, no manifest, an entry name outside the layout, too large. */
    UNREADABLE,
    /** The bundle carries no signature. */
    UNSIGNED,
    /** The signature is not the given key's over this manifest: another key signed it, or the manifest changed. */
    BAD_SIGNATURE,
    /** A file is not the one the manifest lists: altered, missing, or not listed. */
    BAD_DIGEST,
    /** A pack in it does not load: every problem at its file:line:col. */
    INVALID_PACK,
    /** One of the pack tests that came with it fails. */
    FAILED_TESTS,
    /** The engine refused the packs: they do not compile, or a pinned version is not among them. */
    NOT_COMPILED,
    /** The bundle could not be fetched: the file is gone, the server answered an error or not at all. */
    NOT_FETCHED
  }

  private final Reason reason;

  public BundleException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public BundleException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
