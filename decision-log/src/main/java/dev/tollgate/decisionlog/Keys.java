package dev.tollgate.decisionlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads the log's keys: Ed25519 in PEM (as {@code openssl genpkey -algorithm ed25519} writes them) and the masking key. */
final class Keys {
  /** The fewest bytes a masking key may have: the HMAC's own output size. */
  static final int MIN_MASKING_KEY = 32;

  private Keys() {}

  /**
   * @throws IllegalArgumentException if the file is not an Ed25519 private key in PKCS#8 PEM
   * @throws UncheckedIOException if it cannot be read
   */
  static PrivateKey signingKey(Path file) {
    byte[] der = pem(file, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": not an Ed25519 private key: " + e.getMessage(), e);
    }
  }

  /**
   * @throws IllegalArgumentException if the file is not an Ed25519 public key in PEM
   * @throws UncheckedIOException if it cannot be read
   */
  static PublicKey publicKey(Path file) {
    byte[] der = pem(file, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /**
   * The masking key: the file's bytes, at least {@link #MIN_MASKING_KEY} of them.
   *
   * @throws IllegalArgumentException if it is shorter
   */
  static byte[] maskingKey(Path file) {
    byte[] key;
    try {
      key = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("masking key " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (key.length < MIN_MASKING_KEY) {
      throw new IllegalArgumentException("masking key " + file + " has " + key.length + " bytes; it needs at least "
          + MIN_MASKING_KEY + " random ones (head -c 32 /dev/urandom > " + file.getFileName() + ")");
    }
    return key;
  }

  private static byte[] pem(Path file, String label) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("key " + file + " cannot be read: " + e.getMessage(), e);
    }
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(file + ": expected a PEM block '" + begin + "'");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": the PEM block is not base64: " + e.getMessage(), e);
    }
  }
}
