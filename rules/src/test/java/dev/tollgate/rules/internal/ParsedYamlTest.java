package dev.tollgate.rules.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.RulePackLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsedYamlTest {
  private static final Path BUNDLED = Path.of("../rulepacks");
  private static final byte[] EVERY_KIND = """
      # every kind of node, with marks on keys and values
      text: plain
      quoted: "42"
      chinese: 个人信息保护法 第十三条
      multiline: |
        first line
        second "line"
      int: 31
      decimal: -0.5e3
      bool: true
      nothing: null
      country: NO
      empty-list: []
      empty-map: {}
      nested:
        - [a, 1, {b: false}]
        - key: value
          list:
            - x
      """.getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @Test
  void read_ofWrite_givesTheSameTreeWithItsMarksAndTheYamlsDigest() {
    Node tree = parse(EVERY_KIND);
    ParsedYaml.Tree back = ParsedYaml.read(ParsedYaml.write(EVERY_KIND, tree), EVERY_KIND);
    assertNotNull(back);
    assertEquals(tree, back.root());
    assertEquals(ParsedYaml.digest(EVERY_KIND), back.digest());
    Node.Mapping root = (Node.Mapping) back.root();
    assertEquals(new Node.Mark(4, 1), root.entries().get("chinese").keyMark());
    assertEquals(new Node.Mark(4, 10), root.entries().get("chinese").value().mark());
    assertEquals("个人信息保护法 第十三条", ((Node.Scalar) root.entries().get("chinese").value()).text());
  }

  @Test
  void read_ofWrite_givesTheSameTreeForEveryBundledPack() throws IOException {
    List<Path> files = packFiles();
    assertTrue(files.size() >= 4, files.toString());
    for (Path file : files) {
      byte[] yaml = Files.readAllBytes(file);
      Node tree = parse(yaml);
      ParsedYaml.Tree back = ParsedYaml.read(ParsedYaml.write(yaml, tree), yaml);
      assertNotNull(back, file.toString());
      assertEquals(tree, back.root(), file.toString());
      assertTrue(back.digest().matches("sha256:[0-9a-f]{64}"), back.digest());
    }
  }

  @Test
  void read_afterTheYamlChanged_givesNull() {
    byte[] parsed = ParsedYaml.write(EVERY_KIND, parse(EVERY_KIND));
    byte[] sameLength = EVERY_KIND.clone();
    sameLength[2] = 'E'; // "# every" -> "# Every": a comment, so only the bytes tell
    assertEquals(EVERY_KIND.length, sameLength.length);
    assertNull(ParsedYaml.read(parsed, sameLength));
    assertNull(ParsedYaml.read(parsed, Arrays.copyOf(EVERY_KIND, EVERY_KIND.length + 1)));
    assertNull(ParsedYaml.read(parsed, new byte[0]));
  }

  @Test
  void read_ofADamagedFile_givesNull() {
    byte[] parsed = ParsedYaml.write(EVERY_KIND, parse(EVERY_KIND));
    for (int length = 0; length < parsed.length; length++) {
      assertNull(ParsedYaml.read(Arrays.copyOf(parsed, length), EVERY_KIND), "cut to " + length + " bytes");
    }
    assertNull(ParsedYaml.read(Arrays.copyOf(parsed, parsed.length + 1), EVERY_KIND), "a byte after the tree");
    for (int i = 0; i < parsed.length; i++) {
      for (int flip : new int[] {0x01, 0x80, 0xff}) {
        byte[] damaged = parsed.clone();
        damaged[i] ^= (byte) flip;
        assertNull(ParsedYaml.read(damaged, EVERY_KIND), "byte " + i + " ^ " + flip);
      }
    }
  }

  @Test
  void read_ofATreeNestedDeeperThanAPackMayBe_givesNull() {
    assertNotNull(ParsedYaml.read(ParsedYaml.write(EVERY_KIND, nested(YamlReader.MAX_DEPTH)), EVERY_KIND));
    assertNull(ParsedYaml.read(ParsedYaml.write(EVERY_KIND, nested(YamlReader.MAX_DEPTH + 1)), EVERY_KIND));
  }

  /** A scalar inside {@code lists} lists. */
  private static Node nested(int lists) {
    Node node = new Node.Scalar(Node.Scalar.Kind.STRING, "deep", new Node.Mark(1, 1));
    for (int i = 0; i < lists; i++) {
      node = new Node.Sequence(List.of(node), new Node.Mark(1, 1));
    }
    return node;
  }

  @Test
  void main_writesEachPacksTreeAndTheIndex() throws IOException {
    Path out = dir.resolve("out");
    ParsedYaml.main(new String[] {BUNDLED.toString(), out.toString()});
    List<String> index = Files.readAllLines(out.resolve(RulePackLoader.INDEX_FILE));
    List<String> expected = RulePackLoader.load(BUNDLED).stream()
        .map(p -> p.id() + "/" + p.version() + "/" + RulePackLoader.PACK_FILE).toList();
    assertEquals(expected, index);
    for (String line : index) {
      byte[] yaml = Files.readAllBytes(BUNDLED.resolve(line));
      Path parsed = out.resolve(line).resolveSibling(RulePackLoader.PARSED_FILE);
      assertArrayEquals(ParsedYaml.write(yaml, parse(yaml)), Files.readAllBytes(parsed), line);
    }
  }

  @Test
  void main_onABadPack_writesNoTreesAndRemovesAnEarlierIndex() throws IOException {
    Path pack = dir.resolve("packs/demo/1.0.0/pack.yaml");
    Files.createDirectories(pack.getParent());
    Files.writeString(pack, "id: demo\nversion: 1.0.0\nrules: nope\n");
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve(RulePackLoader.INDEX_FILE), "demo/0.9.0/pack.yaml\n");
    ParsedYaml.main(new String[] {dir.resolve("packs").toString(), out.toString()});
    try (Stream<Path> written = Files.list(out)) {
      assertEquals(List.of(), written.toList());
    }
  }

  private static Node parse(byte[] yaml) {
    Problems problems = new Problems("test.yaml");
    Node root = YamlReader.read(yaml, problems);
    assertEquals(List.of(), problems.list());
    return root;
  }

  private static List<Path> packFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(BUNDLED, 3)) {
      return walk.filter(p -> p.getFileName().toString().equals(RulePackLoader.PACK_FILE)).sorted().toList();
    }
  }
}
