package dev.tollgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs read from a jar's entries, as the rulepacks jar ships them. */
class BundledPacksTest {
  private static final Path PACKS = Path.of("src/test/resources/packs/demo-calls");

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
