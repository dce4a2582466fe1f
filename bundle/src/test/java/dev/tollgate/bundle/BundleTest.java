package dev.tollgate.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.RulePackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
  static final Path RULEPACKS = Path.of("../rulepacks");
  private static final KeyPair LEGAL = Keys.generate();
  private static final KeyPair OTHER = Keys.generate();

  @TempDir
  Path dir;

  @Test
  void build_rulepacks_listsEveryPackAndTestWithDigests() {
    Bundle bundle = Bundle.build("r1", List.of(RULEPACKS));
    BundleManifest m = bundle.manifest();
    assertEquals("r1", m.revision());
    assertEquals(16, m.packs().size(), m.packs().toString());
    assertTrue(m.files().stream().anyMatch(f -> f.path().equals("cn-aigc-labeling/2.0.0/tests/call-labels.yaml")), m.files().toString());
    assertTrue(m.packs().stream().allMatch(p -> p.digest().matches("sha256:[0-9a-f]{64}")));
  }

  @Test
  void build_sameFilesTwice_sameBytesAndDefaultRevision() {
    Bundle a = Bundle.build(null, List.of(RULEPACKS));
    Bundle b = Bundle.build(null, List.of(RULEPACKS));
    assertArrayEquals(a.toBytes(), b.toBytes());
    assertTrue(a.manifest().revision().matches("sha256:[0-9a-f]{12}"), a.manifest().revision());
  }

  @Test
  void build_badRevision_namesIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bundle.build("../x", List.of(RULEPACKS)));
    assertTrue(e.getMessage().contains("'../x'"), e.getMessage());
  }

  @Test
  void build_packWithProblems_refused() {
    assertThrows(RulePackException.class, () -> Bundle.build("r", List.of(Path.of("../cli/src/test/resources/bad-packs"))));
  }

  @Test
  void verify_signedWithTheKey_passesAfterARoundTripThroughAFile() {
    Path file = dir.resolve("packs.bundle");
    Bundle.build("r1", List.of(RULEPACKS)).sign(LEGAL.getPrivate()).write(file);
    Bundle read = Bundle.read(file);
    read.verify(LEGAL.getPublic());
    assertTrue(read.signed());
    assertEquals("r1", read.manifest().revision());
  }

  @Test
  void verify_unsigned_refused() {
    Bundle unsigned = Bundle.read(Bundle.build("r1", List.of(RULEPACKS)).toBytes());
    assertReason(BundleException.Reason.UNSIGNED, () -> unsigned.verify(LEGAL.getPublic()));
  }

  @Test
  void verify_anotherKey_refusedNamingTheKey() {
    Bundle signed = Bundle.read(Bundle.build("r1", List.of(RULEPACKS)).sign(OTHER.getPrivate()).toBytes());
    BundleException e = assertReason(BundleException.Reason.BAD_SIGNATURE, () -> signed.verify(LEGAL.getPublic()));
    assertTrue(e.getMessage().contains(Keys.fingerprint(LEGAL.getPublic())), e.getMessage());
  }

  @Test
  void verify_aFileChangedAfterSigning_refusedNamingTheFile() throws IOException {
    byte[] signed = Bundle.build("r1", List.of(RULEPACKS)).sign(LEGAL.getPrivate()).toBytes();
    String victim = "packs/cn-fin-marketing-calls/2.0.0/pack.yaml";
    byte[] altered = rezip(signed, victim, bytes -> {
      int at = new String(bytes, StandardCharsets.UTF_8).indexOf("maxPerDay");
      byte[] copy = bytes.clone();
      copy[Math.max(at, 0)] ^= 1;
      return copy;
    });
    BundleException e = assertReason(BundleException.Reason.BAD_DIGEST, () -> Bundle.read(altered).verify(LEGAL.getPublic()));
    assertTrue(e.getMessage().startsWith(victim + " has digest"), e.getMessage());
  }

  @Test
  void verify_aFileAddedAfterSigning_refused() throws IOException {
    byte[] signed = Bundle.build("r1", List.of(RULEPACKS)).sign(LEGAL.getPrivate()).toBytes();
    byte[] added = rezip(signed, null, null);
    BundleException e = assertReason(BundleException.Reason.BAD_DIGEST, () -> Bundle.read(added).verify(LEGAL.getPublic()));
    assertTrue(e.getMessage().contains("extra/1.0.0/pack.yaml is not in the manifest"), e.getMessage());
  }

  @Test
  void read_everyFlippedByteOfTheArchive_neverVerifies() {
    byte[] signed = Bundle.build("r1", List.of(RULEPACKS)).sign(LEGAL.getPrivate()).toBytes();
    // Every 97th byte, through headers, compressed data and the central directory.
    for (int i = 0; i < signed.length; i += 97) {
      byte[] flipped = signed.clone();
      flipped[i] ^= 0x20;
      try {
        Bundle read = Bundle.read(flipped);
        read.verify(LEGAL.getPublic());
        // A flip in what a reader never uses (the central directory, an entry's time) changes nothing it trusts.
        assertArrayEquals(Bundle.read(signed).toBytes(), read.toBytes(), "byte " + i + " changed what verified");
      } catch (BundleException expected) {
        assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
      }
    }
  }

  @Test
  void read_cutShort_unreadable() {
    byte[] signed = Bundle.build("r1", List.of(RULEPACKS)).sign(LEGAL.getPrivate()).toBytes();
    for (int length : new int[] {0, 10, signed.length / 2, signed.length - 100}) {
      byte[] cut = Arrays.copyOf(signed, length);
      BundleException e = assertThrows(BundleException.class, () -> Bundle.read(cut).verify(LEGAL.getPublic()), "length " + length);
      assertTrue(e.reason() == BundleException.Reason.UNREADABLE || e.reason() == BundleException.Reason.BAD_DIGEST,
          length + ": " + e.reason() + " " + e.getMessage());
    }
  }

  @Test
  void read_entryOutsideTheLayout_unreadable() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("packs/../../etc/passwd"));
      zip.write(1);
    }
    BundleException e = assertReason(BundleException.Reason.UNREADABLE, () -> Bundle.read(out.toByteArray()));
    assertTrue(e.getMessage().contains("'packs/../../etc/passwd'"), e.getMessage());
  }

  @Test
  void keys_writtenAndReadBack_verify() {
    Path priv = dir.resolve("legal.key");
    Path pub = dir.resolve("legal.pub");
    Keys.write(LEGAL.getPrivate(), priv);
    Keys.write(LEGAL.getPublic(), pub);
    Bundle signed = Bundle.read(Bundle.build("r1", List.of(RULEPACKS)).sign(Keys.readPrivate(priv)).toBytes());
    signed.verify(Keys.readPublic(pub));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Keys.readPublic(priv));
    assertTrue(e.getMessage().startsWith(priv + ": no '-----BEGIN PUBLIC KEY-----' block"), e.getMessage());
  }

  static BundleException assertReason(BundleException.Reason reason, org.junit.jupiter.api.function.Executable run) {
    BundleException e = assertThrows(BundleException.class, run);
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }

  /** The archive again with one entry's bytes changed, or with an unlisted pack added when {@code name} is null. */
  static byte[] rezip(byte[] archive, String name, java.util.function.UnaryOperator<byte[]> change) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(archive));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] bytes = in.readAllBytes();
        zip.putNextEntry(new ZipEntry(e.getName()));
        zip.write(e.getName().equals(name) ? change.apply(bytes) : bytes);
      }
      if (name == null) {
        zip.putNextEntry(new ZipEntry("packs/extra/1.0.0/pack.yaml"));
        zip.write(Files.readAllBytes(RULEPACKS.resolve("cn-aigc-labeling/1.0.0/pack.yaml")));
      }
    }
    return out.toByteArray();
  }
}
