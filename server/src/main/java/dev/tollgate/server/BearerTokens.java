package dev.tollgate.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bearer tokens that /v1 calls must carry, read once from a file: one token a line, {@code #} comments and
 * blank lines ignored. Immutable and thread-safe.
 */
final class BearerTokens {
  /** No token file: every call is let through (the server then listens on loopback only). */
  static final BearerTokens NONE = new BearerTokens(List.of());

  /** SHA-256 of each token: comparing digests of one length leaks neither a token's length nor its bytes. */
  private final List<byte[]> digests;

  private BearerTokens(List<byte[]> digests) {
    this.digests = digests;
  }

  static BearerTokens read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token file " + file, e);
    }
    List<byte[]> digests = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String token = lines.get(i).strip();
      if (token.isEmpty() || token.startsWith("#")) {
        continue;
      }
      if (token.length() < 16 || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException(file + ":" + (i + 1)
            + ": a token must be at least 16 printable ASCII characters without spaces");
      }
      digests.add(sha256(token));
    }
    if (digests.isEmpty()) {
      throw new IllegalArgumentException("the token file " + file + " holds no token");
    }
    return new BearerTokens(List.copyOf(digests));
  }

  boolean required() {
    return !digests.isEmpty();
  }

  /** Whether an {@code Authorization} header value carries one of the tokens; every token is compared, in constant time. */
  boolean accepts(String authorization) {
    if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = sha256(authorization.substring(7).strip());
    boolean match = false;
    for (byte[] d : digests) {
      match |= MessageDigest.isEqual(d, given);
    }
    return match;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
