package dev.tollgate.decisionlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which fields of a logged request are dropped and which are replaced by a keyed hash (HMAC-SHA-256), so
 * that the same person stays linkable across entries without their identifier in the log.
 *
 * <p>Paths read {@code $.callee.subject}; {@code [*]} after a name stands for every item of a list, as in
 * {@code $.history[*].debt}. A path that a request does not have is skipped.
 *
 * <p>{@link #defaults()} hashes {@code $.callee.subject} (a pseudonym, but one the institution can map back
 * to a phone number; a subject that is a phone number, which the engine refuses, is hashed too),
 * {@code $.debt.id} and {@code $.history[*].debt} (a debt id names one person's debt), keeping equal values
 * equal, so a replay counts the same contacts. It drops nothing, since every other field may decide.
 * Immutable; {@link #drop} and {@link #hash} return new instances.
 *
 * @param drop the paths removed from the request
 * @param hash the paths whose text is replaced by {@code hmac-sha256:} and the hex HMAC of it
 */
public record Masking(List<String> drop, List<String> hash) {
  private static final Pattern PATH = Pattern.compile("\\$(\\.[A-Za-z][A-Za-z0-9]*(\\[\\*])?)+");

  /**
   * @throws IllegalArgumentException naming a path that is not of the form {@code $.a.b} or {@code $.a[*].b}
   */
  public Masking {
    drop = List.copyOf(drop);
    hash = List.copyOf(hash);
    for (String path : drop) {
      check(path);
    }
    for (String path : hash) {
      check(path);
    }
  }

  private static void check(String path) {
    Objects.requireNonNull(path, "path");
    if (!PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("masking path '" + path + "' must read $.field.field, with [*] after a list, e.g. $.history[*].debt");
    }
  }

  /** The safe defaults: hash the subject and debt ids, drop nothing. */
  public static Masking defaults() {
    return new Masking(List.of(), List.of("$.callee.subject", "$.debt.id", "$.history[*].debt"));
  }

  /** Masks nothing: for tests and for logs that never leave a trusted store. */
  public static Masking none() {
    return new Masking(List.of(), List.of());
  }

  /** This masking with {@code path} dropped too. */
  public Masking drop(String path) {
    List<String> more = new ArrayList<>(drop);
    more.add(path);
    return new Masking(more, hash);
  }

  /** This masking with {@code path} hashed too. */
  public Masking hash(String path) {
    List<String> more = new ArrayList<>(hash);
    more.add(path);
    return new Masking(drop, more);
  }

  /** The path split into its names, each ending in {@code [*]} if it is a list. */
  static String[] steps(String path) {
    return path.substring(2).split("\\.");
  }
}
