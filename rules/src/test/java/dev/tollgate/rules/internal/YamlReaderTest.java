package dev.tollgate.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

  private static List<String> problems(String yaml) {
    Problems p = new Problems("t.yaml");
    YamlReader.read(yaml.getBytes(StandardCharsets.UTF_8), p);
    return p.list().stream().map(Problem::toString).toList();
  }

  private static Node read(String yaml) {
    Problems p = new Problems("t.yaml");
    Node n = YamlReader.read(yaml.getBytes(StandardCharsets.UTF_8), p);
    assertTrue(p.isEmpty(), () -> p.list().toString());
    return n;
  }

  @Test
  void read_scalars_keepTheirKindAndPosition() {
    Node.Mapping m = (Node.Mapping) read("a: 1\nb: \"1\"\nc: true\nd: no\ne: 22:00\nf: 1.5\ng: ~\n");
    assertEquals(Node.Scalar.Kind.INTEGER, kind(m, "a"));
    assertEquals(Node.Scalar.Kind.STRING, kind(m, "b"));
    assertEquals(Node.Scalar.Kind.BOOLEAN, kind(m, "c"));
    // YAML 1.1 would read 'no' as false and 22:00 as 1320; people mean the text.
    assertEquals(Node.Scalar.Kind.STRING, kind(m, "d"));
    assertEquals("22:00", ((Node.Scalar) m.entries().get("e").value()).text());
    assertEquals(Node.Scalar.Kind.DECIMAL, kind(m, "f"));
    assertEquals(Node.Scalar.Kind.NULL, kind(m, "g"));
    assertEquals(new Node.Mark(5, 4), m.entries().get("e").value().mark());
    assertEquals(new Node.Mark(5, 1), m.entries().get("e").keyMark());
  }

  private static Node.Scalar.Kind kind(Node.Mapping m, String key) {
    return ((Node.Scalar) m.entries().get(key).value()).kind();
  }

  @Test
  void read_duplicateKeys_reportsEveryOneWithBothLines() {
    List<String> p = problems("effect: DENY\nid: x\neffect: ALLOW\nid: y\n");
    assertEquals(List.of(
        "t.yaml:3:1: duplicate_key: key 'effect' is already set at line 1:1; each key may appear once (at $.effect)",
        "t.yaml:4:1: duplicate_key: key 'id' is already set at line 2:1; each key may appear once (at $.id)"), p);
  }

  @Test
  void read_anchorsAndAliases_areRejected() {
    List<String> p = problems("a: &x [1, 2]\nb: *x\n");
    assertEquals(2, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("t.yaml:1:4: anchor_not_allowed"), p.get(0));
    assertTrue(p.get(1).startsWith("t.yaml:2:4: alias_not_allowed"), p.get(1));
  }

  @Test
  void read_billionLaughs_isRejectedWithoutExpanding() {
    StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        y.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
      }
      y.append("]\n");
    }
    List<String> p = problems(y.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("alias_not_allowed")), p.toString());
    assertTrue(p.size() < 100, "one problem per anchor and alias, not per expansion: " + p.size());
  }

  @Test
  void read_tags_areRejected() {
    List<String> p = problems("a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n");
    assertTrue(p.stream().anyMatch(s -> s.contains("tag_not_allowed")), p.toString());
  }

  @Test
  void read_hugeFile_isRejectedBeforeParsing() {
    byte[] big = new byte[YamlReader.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    Problems p = new Problems("big.yaml");
    assertNull(YamlReader.read(big, p));
    assertEquals("document_too_large", p.list().get(0).code());
  }

  @Test
  void read_deepNesting_isRejectedWhereTheLimitIsPassed_inItsOwnWords() {
    String deep = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
    assertEquals(List.of("t.yaml:1:53: too_deep: the file nests more than 50 levels of lists and mappings here, the most "
        + "accepted (at $.a" + "[0]".repeat(49) + ")"), problems(deep));
  }

  /** Hostile files: each problem at its real line and column, in words a pack author reads. */
  @Test
  void read_invalidBytes_areReportedWhereTheyAre_notReadAsOtherCharacters() {
    String head = "a: 1\n".repeat(25);
    assertEquals(List.of("t.yaml:26:7: invalid_utf8: byte 0xFF does not belong here in UTF-8; save the file as UTF-8 (at $)"),
        problems(bytes(head, "bad: a", new byte[] {(byte) 0xFF}, "b\n")));
    assertEquals(List.of("t.yaml:26:11: invalid_utf8: byte 0xC0 does not belong here in UTF-8 (an overlong or cut-off "
        + "sequence); save the file as UTF-8 (at $)", "t.yaml:26:12: invalid_utf8: byte 0xAF does not belong here in "
        + "UTF-8; save the file as UTF-8 (at $)"), problems(bytes(head, "url: http:", new byte[] {(byte) 0xC0, (byte) 0xAF},
        "x\n")), "an overlong '/' is not read as '/'");
    assertEquals(List.of("t.yaml:26:7: invalid_character: the character U+0000 is not allowed in YAML (a control "
        + "character); remove it (at $)"), problems(head + "bad: a\u0000b\n"));
    assertEquals(List.of("t.yaml:2:5: invalid_utf8: byte 0xED does not belong here in UTF-8; save the file as UTF-8 (at $)",
        "t.yaml:2:6: invalid_utf8: byte 0xA0 does not belong here in UTF-8; save the file as UTF-8 (at $)",
        "t.yaml:2:7: invalid_utf8: byte 0x80 does not belong here in UTF-8; save the file as UTF-8 (at $)"),
        problems(bytes("a: 1\n", "b: 中", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\n")), "a surrogate");
    byte[] binary = new byte[4096];
    new java.util.Random(1).nextBytes(binary);
    List<String> many = problems(binary);
    assertTrue(many.size() <= 11 && many.get(many.size() - 1).contains("more bytes or characters"), many.toString());
  }

  @Test
  void read_overLongLinesAndStrings_areRefusedAtTheirLine_withoutParserInternals() {
    List<String> line = problems("a: 1\nb: " + "x".repeat(1_000_000) + "\nc: 2\n");
    assertEquals(List.of("t.yaml:2:1: line_too_long: line 2 is longer than 65536 characters, the most accepted; "
        + "split it (at $)"), line);
    assertEquals(List.of("t.yaml:2:4: document_too_large: a text value of 180003 characters; at most 65536 are "
        + "accepted (at $.b)"), problems("a: 1\nb: >\n" + ("  " + "x".repeat(60_000) + "\n").repeat(3)));
  }

  @Test
  void read_tabIndentation_isExplained_notCutOff() {
    assertEquals(List.of("t.yaml:3:1: yaml_syntax: a tab is used for indentation or spacing here; YAML indents with "
        + "spaces only (at $)"), problems("a:\n  b: 1\n\tc: 2\n"));
  }

  private static byte[] bytes(Object... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Object part : parts) {
      out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static List<String> problems(byte[] yaml) {
    Problems p = new Problems("t.yaml");
    YamlReader.read(yaml, p);
    return p.list().stream().map(Problem::toString).toList();
  }

  @Test
  void read_syntaxError_isLocated() {
    List<String> p = problems("a: [1, 2\nb: 3\n");
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).matches("t\\.yaml:[1-9]\\d*:[1-9]\\d*: yaml_syntax: .*"), p.get(0));
  }

  @Test
  void read_secondDocument_isRejected() {
    List<String> p = problems("a: 1\n---\nb: 2\n");
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).contains("multiple_documents"), p.get(0));
  }

  @Test
  void read_numbersYamlReadsOtherwise_areReportedNotMisread() {
    List<String> p = problems("a: 0x1F\nb: 012\nc: .inf\nd: .nan\ne: 0o17\nf: 31\ng: -0.5\nh: 1_000\ni: 1e999999999\n");
    assertEquals(List.of("t.yaml:1:4: invalid_number", "t.yaml:2:4: invalid_number", "t.yaml:3:4: invalid_number",
        "t.yaml:4:4: invalid_number", "t.yaml:9:4: invalid_number"),
        p.stream().map(s -> s.substring(0, s.indexOf(": ", s.indexOf(": ") + 2))).toList(), p.toString());
  }
}
