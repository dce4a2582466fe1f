package dev.tollgate.rulepacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackLoader;
// The trees' reader, to check that each shipped tree is used rather than fallen back from.
import dev.tollgate.rules.internal.ParsedYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the build puts beside the packs it ships: an index of them, and each one's parsed tree. */
class ParsedPacksTest {
  private static final Path SHIPPED = Path.of("target/classes/tollgate/packs");

  @Test
  void index_listsEveryBundledPack() throws IOException {
    List<String> expected = RulePackLoader.load(Path.of(".")).stream()
        .map(p -> p.id() + "/" + p.version() + "/" + RulePackLoader.PACK_FILE).toList();
    assertEquals(expected, Files.readAllLines(SHIPPED.resolve(RulePackLoader.INDEX_FILE)));
  }

  @Test
  void parsedTree_ofEveryBundledPack_givesThePackItsYamlDoes() throws IOException {
    List<RulePack> packs = RulePackLoader.load(Path.of("."));
    assertTrue(packs.size() >= 4, packs.toString());
    for (RulePack pack : packs) {
      Path folder = SHIPPED.resolve(pack.id()).resolve(pack.version().toString());
      byte[] yaml = Files.readAllBytes(folder.resolve(RulePackLoader.PACK_FILE));
      byte[] parsed = Files.readAllBytes(folder.resolve(RulePackLoader.PARSED_FILE));
      assertNotNull(ParsedYaml.read(parsed, yaml), "the tree shipped for " + pack.ref() + " is read, not the YAML");
      assertEquals(RulePackLoader.parse(pack.source(), yaml), RulePackLoader.parse(pack.source(), yaml, parsed));
    }
  }
}
