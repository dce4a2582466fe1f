package dev.tollgate.rulepacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.rules.RulePackLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the build puts beside the packs it ships: an index of them. */
class PackIndexTest {
  private static final Path SHIPPED = Path.of("target/classes/tollgate/packs");

  @Test
  void index_listsEveryBundledPack() throws IOException {
    List<String> expected = RulePackLoader.load(Path.of(".")).stream()
        .map(p -> p.id() + "/" + p.version() + "/" + RulePackLoader.PACK_FILE).toList();
    assertEquals(expected, Files.readAllLines(SHIPPED.resolve("index.txt")));
  }
}
