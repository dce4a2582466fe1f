package dev.tollgate.decisionlog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/** Key files for tests, as the docs tell users to make them: Ed25519 PEM and 32 random bytes. */
record LogKeys(Path signing, Path publicKey, Path masking) {

  static LogKeys in(Path dir) throws IOException, GeneralSecurityException {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path signing = dir.resolve("log-signing.pem");
    Path publicKey = dir.resolve("log-public.pem");
    Path masking = dir.resolve("mask.key");
    Files.writeString(signing, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.write(masking, key);
    return new LogKeys(signing, publicKey, masking);
  }

  private static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
