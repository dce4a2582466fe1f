package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCommandTest {
  @TempDir
  Path dir;
  private String key;
  private String pub;
  private String bundle;

  @BeforeEach
  void keysAndBundle() {
    key = dir.resolve("legal.key").toString();
    pub = dir.resolve("legal.pub").toString();
    bundle = dir.resolve("packs.bundle").toString();
    Invocation keygen = Invocation.run("bundle", "keygen", "--private", key, "--public", pub);
    assertEquals(0, keygen.status(), keygen.toString());
    Invocation build = Invocation.run("bundle", "build", "../rulepacks", "-o", bundle, "--revision", "2025-10-01.1");
    assertEquals(0, build.status(), build.toString());
    assertTrue(build.out().strip().matches("\\Q" + bundle + "\\E: revision 2025-10-01.1, 16 packs, \\d+ files, unsigned"), build.toString());
  }

  @Test
  void verify_signedBundle_exitsZeroNamingRevisionAndKey() {
    Invocation sign = Invocation.run("bundle", "sign", bundle, "--key", key);
    assertEquals(0, sign.status(), sign.toString());
    Invocation verify = Invocation.run("bundle", "verify", bundle, "--public-key", pub);
    assertEquals(0, verify.status(), verify.toString());
    assertTrue(verify.out().startsWith(bundle + ": good: revision 2025-10-01.1, signed by sha256:"), verify.toString());
  }

  @Test
  void verify_unsigned_exitsOne() {
    Invocation verify = Invocation.run("bundle", "verify", bundle, "--public-key", pub);
    assertEquals(1, verify.status(), verify.toString());
    assertTrue(verify.err().contains("UNSIGNED: the bundle is not signed"), verify.toString());
  }

  @Test
  void verify_anotherKeysSignature_exitsOne() {
    String otherKey = dir.resolve("other.key").toString();
    assertEquals(0, Invocation.run("bundle", "keygen", "--private", otherKey, "--public", dir.resolve("other.pub").toString()).status());
    assertEquals(0, Invocation.run("bundle", "sign", bundle, "--key", otherKey).status());
    Invocation verify = Invocation.run("bundle", "verify", bundle, "--public-key", pub);
    assertEquals(1, verify.status(), verify.toString());
    assertTrue(verify.err().contains("BAD_SIGNATURE"), verify.toString());
  }

  @Test
  void verify_cutShort_exitsTwo() throws IOException {
    assertEquals(0, Invocation.run("bundle", "sign", bundle, "--key", key).status());
    byte[] bytes = Files.readAllBytes(Path.of(bundle));
    Files.write(Path.of(bundle), Arrays.copyOf(bytes, bytes.length / 2));
    Invocation verify = Invocation.run("bundle", "verify", bundle, "--public-key", pub);
    assertEquals(2, verify.status(), verify.toString());
    assertTrue(verify.err().contains("UNREADABLE: not a readable bundle: the archive is cut short"), verify.toString());
  }

  @Test
  void sign_publicKeyGivenAsKey_exitsTwoNamingTheFile() {
    Invocation sign = Invocation.run("bundle", "sign", bundle, "--key", pub);
    assertEquals(2, sign.status(), sign.toString());
    assertTrue(sign.err().startsWith("tollgate: " + pub + ": no '-----BEGIN PRIVATE KEY-----' block"), sign.toString());
  }

  @Test
  void keygen_existingFile_refusedAndKept() throws IOException {
    String before = Files.readString(Path.of(key));
    Invocation again = Invocation.run("bundle", "keygen", "--private", key, "--public", dir.resolve("new.pub").toString());
    assertEquals(2, again.status(), again.toString());
    assertEquals(before, Files.readString(Path.of(key)));
  }

  @Test
  void check_withTheBundle_decisionNamesItsRevision() {
    assertEquals(0, Invocation.run("bundle", "sign", bundle, "--key", key).status());
    Invocation check = Invocation.run("check", "--bundle", bundle, "--public-key", pub, Invocation.REQUESTS + "consented.json");
    assertTrue(check.status() == 0 || check.status() == 1, check.toString());
    assertTrue(check.out().contains("\"bundle\":\"2025-10-01.1\""), check.toString());
  }

  @Test
  void check_unsignedBundle_exitsTwoWithTheReason() {
    Invocation check = Invocation.run("check", "--bundle", bundle, "--public-key", pub, Invocation.REQUESTS + "consented.json");
    assertEquals(2, check.status(), check.toString());
    assertTrue(check.err().startsWith("tollgate: UNSIGNED: bundle " + bundle + ": the bundle is not signed"), check.toString());
  }

  @Test
  void check_bundleWithoutKey_exitsTwo() {
    Invocation check = Invocation.run("check", "--bundle", bundle, Invocation.REQUESTS + "consented.json");
    assertEquals(2, check.status(), check.toString());
    assertTrue(check.err().contains("--bundle needs --public-key"), check.toString());
  }
}
