package dev.tollgate.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs read from a jar's entries, as the rulepacks jar ships them. */
class BundledPacksTest {
  private static final Path PACKS = Path.of("../sdk/src/test/resources/packs/demo-calls");

  @TempDir
  Path dir;

  @Test
  void fromJar_readsEveryPackUnderTheRoot_andNothingElse() throws IOException {
    Path jar = jar("tollgate/packs/demo-calls/1.0.0/pack.yaml", PACKS.resolve("1.0.0/pack.yaml"),
        "tollgate/packs/demo-calls/2.0.0/pack.yaml", PACKS.resolve("2.0.0/pack.yaml"),
        "elsewhere/demo-calls/3.0.0/pack.yaml", PACKS.resolve("2.0.0/pack.yaml"),
        "tollgate/packs/demo-calls/2.0.0/tests/pack.yaml.txt", PACKS.resolve("2.0.0/pack.yaml"));
    List<RulePack> packs = BundledPacks.fromJar(jar);
    assertEquals(List.of("demo-calls@1.0.0", "demo-calls@2.0.0"), packs.stream().map(RulePack::ref).toList());
    assertEquals("/tollgate/packs/demo-calls/1.0.0/pack.yaml", packs.get(0).source());
  }

  @Test
  void fromJar_refusesAPackOutsideTheFolderOfItsIdAndVersion() throws IOException {
    Path jar = jar("tollgate/packs/demo-calls/9.9.9/pack.yaml", PACKS.resolve("1.0.0/pack.yaml"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> BundledPacks.fromJar(jar));
    assertTrue(e.getMessage().contains("demo-calls@1.0.0 must live in tollgate/packs/demo-calls/1.0.0/"), e.getMessage());
  }

  @Test
  void fromJar_withoutPacks_saysSo() throws IOException {
    Path jar = jar("elsewhere/demo-calls/1.0.0/pack.yaml", PACKS.resolve("1.0.0/pack.yaml"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> BundledPacks.fromJar(jar));
    assertTrue(e.getMessage().startsWith("no bundled packs in "), e.getMessage());
  }

  @Test
  void fromJar_withTheIndexTheBuildWrites_readsThePacksTheIndexLists() throws IOException {
    Path built = built();
    // Not in the index, and in the wrong folder: read, it would fail the build.
    Path jar = jar(
        "tollgate/packs/index.txt", built.resolve("index.txt"),
        "tollgate/packs/demo-calls/1.0.0/pack.yaml", PACKS.resolve("1.0.0/pack.yaml"),
        "tollgate/packs/demo-calls/2.0.0/pack.yaml", PACKS.resolve("2.0.0/pack.yaml"),
        "tollgate/packs/demo-calls/9.9.9/pack.yaml", PACKS.resolve("1.0.0/pack.yaml"));
    assertSamePacks(RulePackLoader.load(PACKS), BundledPacks.fromJar(jar));
  }

  /** The same packs, but for where they were read from. */
  private static void assertSamePacks(List<RulePack> expected, List<RulePack> actual) {
    assertEquals(expected.stream().map(RulePack::ref).toList(), actual.stream().map(RulePack::ref).toList());
    for (int i = 0; i < expected.size(); i++) {
      RulePack e = expected.get(i);
      RulePack a = actual.get(i);
      assertEquals(List.of(e.title(), e.appliesTo(), e.effective(), e.parameters(), e.rules(), e.digest()),
          java.util.Arrays.asList(a.title(), a.appliesTo(), a.effective(), a.parameters(), a.rules(), a.digest()), e.ref());
    }
  }

  @Test
  void fromJar_indexWithBlankLinesAndCrLf_readsTheListedPacks() throws IOException {
    Path index = Files.writeString(dir.resolve("index.txt"), "\r\ndemo-calls/2.0.0/pack.yaml\r\n\r\n");
    Path jar = jar("tollgate/packs/index.txt", index,
        "tollgate/packs/demo-calls/1.0.0/pack.yaml", PACKS.resolve("1.0.0/pack.yaml"),
        "tollgate/packs/demo-calls/2.0.0/pack.yaml", PACKS.resolve("2.0.0/pack.yaml"));
    assertEquals(List.of("demo-calls@2.0.0"), BundledPacks.fromJar(jar).stream().map(RulePack::ref).toList());
  }

  @Test
  void fromJar_indexListingAPackTwice_saysSo() throws IOException {
    String message = indexRefused("demo-calls/1.0.0/pack.yaml\ndemo-calls/1.0.0/pack.yaml\n");
    assertTrue(message.endsWith("lists 'demo-calls/1.0.0/pack.yaml' twice"), message);
  }

  @Test
  void fromJar_indexListingAPackTheJarLacks_saysSo() throws IOException {
    String message = indexRefused("demo-calls/1.0.0/pack.yaml\ndemo-calls/3.0.0/pack.yaml\n");
    assertTrue(message.contains("lists tollgate/packs/demo-calls/3.0.0/pack.yaml, which the jar does not hold"), message);
  }

  @Test
  void fromJar_indexListingSomethingOtherThanAPackFile_saysSo() throws IOException {
    String message = indexRefused("demo-calls/1.0.0/../../secret/pack.yaml\n");
    assertTrue(message.contains("which is not a <id>/<version>/pack.yaml"), message);
  }

  /** The message refusing a jar of demo-calls 1.0.0 with this index. */
  private String indexRefused(String index) throws IOException {
    Path jar = jar("tollgate/packs/index.txt", Files.writeString(dir.resolve("index.txt"), index),
        "tollgate/packs/demo-calls/1.0.0/pack.yaml", PACKS.resolve("1.0.0/pack.yaml"));
    return assertThrows(IllegalStateException.class, () -> BundledPacks.fromJar(jar)).getMessage();
  }

  @Test
  void main_writesTheIndexOfEveryPack() throws IOException {
    Path bundled = Path.of("../rulepacks");
    Path out = dir.resolve("out");
    BundledPacks.main(new String[] {bundled.toString(), out.toString()});
    List<String> expected = RulePackLoader.load(bundled).stream()
        .map(p -> p.id() + "/" + p.version() + "/" + RulePackLoader.PACK_FILE).toList();
    assertEquals(expected, Files.readAllLines(out.resolve(BundledPacks.INDEX_FILE)));
  }

  @Test
  void main_onABadPack_writesNoIndexAndRemovesAnEarlierOne() throws IOException {
    Path pack = dir.resolve("packs/demo/1.0.0/pack.yaml");
    Files.createDirectories(pack.getParent());
    Files.writeString(pack, "id: demo\nversion: 1.0.0\nrules: nope\n");
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve(BundledPacks.INDEX_FILE), "demo/0.9.0/pack.yaml\n");
    BundledPacks.main(new String[] {dir.resolve("packs").toString(), out.toString()});
    try (Stream<Path> written = Files.list(out)) {
      assertEquals(List.of(), written.toList());
    }
  }

  /** The index of the demo-calls packs, as the rulepacks build writes it. */
  private Path built() throws IOException {
    Path out = dir.resolve("built");
    BundledPacks.main(new String[] {PACKS.toString(), out.toString()});
    return out;
  }

  /** A jar of entries given as name, file, name, file... */
  private Path jar(Object... entries) throws IOException {
    Path jar = dir.resolve("packs-" + entries.length + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (int i = 0; i < entries.length; i += 2) {
        out.putNextEntry(new JarEntry((String) entries[i]));
        out.write(Files.readAllBytes((Path) entries[i + 1]));
        out.closeEntry();
      }
    }
    return jar;
  }
}
