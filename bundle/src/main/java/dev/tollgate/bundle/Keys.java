package dev.tollgate.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys in the PEM files OpenSSL writes: a private key as PKCS#8 ({@code BEGIN PRIVATE KEY}), a
 * public key as X.509 SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}). So a key pair made with
 * {@code openssl genpkey -algorithm ed25519} serves as well as one from {@link #generate}.
 *
 * <p>Stateless; every method is thread-safe.
 */
public final class Keys {
  static final String ALGORITHM = "Ed25519";

  private Keys() {}

  /** A new Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /**
   * Reads a PEM private key.
   *
   * @throws IllegalArgumentException if the file is not an Ed25519 private key in PEM, naming the file
   * @throws UncheckedIOException if it cannot be read
   */
  public static PrivateKey readPrivate(Path file) {
    byte[] der = pem(file, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": not an Ed25519 private key (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Reads a PEM public key.
   *
   * @throws IllegalArgumentException if the file is not an Ed25519 public key in PEM, naming the file
   * @throws UncheckedIOException if it cannot be read
   */
  public static PublicKey readPublic(Path file) {
    byte[] der = pem(file, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": not an Ed25519 public key (" + e.getMessage() + ")", e);
    }
  }

  /** Writes a key as PEM: a private key as PKCS#8, a public key as X.509. */
  public static void write(java.security.Key key, Path file) {
    String label = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    String text = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** {@code sha256:} and the hex SHA-256 of the key's X.509 encoding: how a signature names its key. */
  public static String fingerprint(PublicKey key) {
    return "sha256:" + HexFormat.of().formatHex(sha256(key.getEncoded()));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  private static byte[] pem(Path file, String label) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(file + ": no '" + begin + "' block; expected an Ed25519 "
          + label.toLowerCase(java.util.Locale.ROOT) + " in PEM");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": the PEM block is not Base64 (" + e.getMessage() + ")", e);
    }
  }
}
