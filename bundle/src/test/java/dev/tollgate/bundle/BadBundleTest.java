package dev.tollgate.bundle;

import static dev.tollgate.bundle.BundleSourceTest.A;
import static dev.tollgate.bundle.BundleSourceTest.B;
import static dev.tollgate.bundle.BundleSourceTest.LEGAL;
import static dev.tollgate.bundle.BundleSourceTest.MIX;
import static dev.tollgate.bundle.BundleSourceTest.OTHER;
import static dev.tollgate.bundle.BundleSourceTest.publish;
import static dev.tollgate.bundle.BundleSourceTest.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad bundle is refused with its reason, the listener is told, and the last good one keeps deciding. */
class BadBundleTest {
  @TempDir
  Path dir;
  private Path file;
  private final List<Reload> told = new CopyOnWriteArrayList<>();
  private BundleSource source;
  private PolicyEngine engine;

  @BeforeEach
  void goodBundleInForce() throws IOException {
    file = dir.resolve("packs.bundle");
    publish(file, signed("good", A));
    Path overlay = dir.resolve("overrides.yaml");
    // An institution's overlay that the good bundle's pack fits and a pack without the parameter does not.
    Files.writeString(overlay, "demo-calls:\n  quietHours: [\"22:00\", \"08:00\"]\n");
    source = BundleSource.file(file).publicKey(LEGAL.getPublic()).listener(told::add).interval(Duration.ofHours(1)).build();
    engine = PolicyEngine.builder().bundle(source).overrides(overlay).build();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  /** Publishes the bytes, checks they are refused for the reason, and that the good bundle still decides. */
  private Reload refused(byte[] bytes, BundleException.Reason reason, String inMessage) throws IOException {
    publish(file, bytes);
    Reload r = BundleSourceTest.check(source);
    assertEquals(Reload.Outcome.REFUSED, r.outcome(), r.toString());
    assertEquals(reason, r.reason(), r.toString());
    assertTrue(r.message().contains(inMessage), r.message());
    assertEquals(r, told.get(told.size() - 1));
    BundleSource.Status status = source.status();
    assertEquals("good", status.revision());
    assertEquals(r, status.lastAttempt());
    assertNotNull(status.staleSince());
    assertTrue(status.staleFor(Instant.now().plusSeconds(1)).compareTo(Duration.ZERO) > 0);
    Decision d = engine.decide(MIX.get(1));
    assertEquals("good", d.bundle());
    assertTrue(d.isAllowed(), d.toString());
    return r;
  }

  @Test
  void unsigned() throws IOException {
    refused(Bundle.build("next", List.of(B)).toBytes(), BundleException.Reason.UNSIGNED, "not signed");
  }

  @Test
  void signedByAnotherKey() throws IOException {
    refused(Bundle.build("next", List.of(B)).sign(OTHER.getPrivate()).toBytes(), BundleException.Reason.BAD_SIGNATURE,
        Keys.fingerprint(LEGAL.getPublic()));
  }

  @Test
  void aByteOfAPackChanged() throws IOException {
    byte[] altered = BundleTest.rezip(signed("next", B), "packs/demo-calls/1.0.0/pack.yaml", bytes -> {
      byte[] copy = bytes.clone();
      int at = new String(copy, StandardCharsets.UTF_8).indexOf("20:00");
      copy[at + 1] = '1';
      return copy;
    });
    refused(altered, BundleException.Reason.BAD_DIGEST, "demo-calls/1.0.0/pack.yaml has digest");
  }

  @Test
  void aByteOfTheArchiveFlipped() throws IOException {
    byte[] bytes = signed("next", B);
    bytes[bytes.length / 2] ^= 0x55;
    Reload r = refusedAnyReason(bytes);
    assertTrue(r.reason() == BundleException.Reason.BAD_DIGEST || r.reason() == BundleException.Reason.UNREADABLE, r.toString());
  }

  @Test
  void cutShort() throws IOException {
    byte[] bytes = signed("next", B);
    refused(Arrays.copyOf(bytes, bytes.length - 30), BundleException.Reason.UNREADABLE, "cut short");
  }

  @Test
  void anInvalidPack() throws IOException {
    refused(handmade("next", Path.of("src/test/resources/variants/invalid")), BundleException.Reason.INVALID_PACK,
        "bundle next:demo-calls/1.0.0/pack.yaml:");
  }

  @Test
  void aFailingPackTest() throws IOException {
    refused(signed("next", Path.of("src/test/resources/variants/failing-test")), BundleException.Reason.FAILED_TESTS,
        "1 of 2 pack tests fail: bundle next:demo-calls/1.0.0/tests/quiet-hours.yaml:");
  }

  @Test
  void packsTheEngineCannotUse() throws IOException {
    refused(signed("next", Path.of("src/test/resources/variants/no-quiet")), BundleException.Reason.NOT_COMPILED,
        "quietHours");
  }

  @Test
  void theSameRevisionWithOtherFiles() throws IOException {
    refused(signed("good", B), BundleException.Reason.BAD_DIGEST, "revision good is in force with other files");
  }

  @Test
  void theFileRemoved() throws IOException {
    Files.delete(file);
    Reload r = BundleSourceTest.check(source);
    assertEquals(BundleException.Reason.NOT_FETCHED, r.reason(), r.toString());
    assertEquals("good", engine.decide(MIX.get(1)).bundle());
  }

  @Test
  void aGoodBundleAfterABadOne_loadedAndNoLongerStale() throws IOException {
    refused(Bundle.build("next", List.of(B)).toBytes(), BundleException.Reason.UNSIGNED, "not signed");
    publish(file, signed("next", B));
    Reload r = BundleSourceTest.check(source);
    assertTrue(r.loaded(), r.toString());
    assertEquals(null, source.status().staleSince());
    Decision d = engine.decide(MIX.get(1));
    assertEquals("next", d.bundle());
    assertEquals(Bundle.digest(Files.readAllBytes(B.resolve("demo-calls/1.0.0/pack.yaml"))), d.packs().get(0).digest());
  }

  private Reload refusedAnyReason(byte[] bytes) throws IOException {
    publish(file, bytes);
    Reload r = BundleSourceTest.check(source);
    assertEquals(Reload.Outcome.REFUSED, r.outcome(), r.toString());
    assertEquals("good", engine.decide(MIX.get(1)).bundle());
    return r;
  }

  /**
   * A signed bundle of the files under a folder, made without {@link Bundle#build}, which refuses invalid
   * packs: what a careless or hostile publisher could sign.
   */
  static byte[] handmade(String revision, Path packs) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(packs)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        files.put(packs.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    StringBuilder list = new StringBuilder();
    files.forEach((path, bytes) -> list.append(list.length() == 0 ? "" : ",")
        .append("{\"path\":\"").append(path).append("\",\"digest\":\"").append(Bundle.digest(bytes))
        .append("\",\"size\":").append(bytes.length).append('}'));
    byte[] manifest = ("{\"format\":1,\"revision\":\"" + revision + "\",\"packs\":[],\"files\":[" + list + "]}")
        .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("manifest.json"));
      zip.write(manifest);
      zip.putNextEntry(new ZipEntry("manifest.sig"));
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(LEGAL.getPrivate());
      signer.update(manifest);
      zip.write(Base64.getEncoder().encode(signer.sign()));
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry("packs/" + f.getKey()));
        zip.write(f.getValue());
      }
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
