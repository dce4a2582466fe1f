package dev.tollgate.decisionlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.PolicyEngine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tree encoder against the canonicalization library, which prints the tree and parses the text again. */
class CanonicalTest {
  @TempDir
  Path dir;

  static void assertSameAsLibrary(JsonNode tree) throws Exception {
    byte[] expected = new JsonCanonicalizer(Entries.MAPPER.writeValueAsString(tree)).getEncodedUTF8();
    assertArrayEquals(expected, Canonical.encode(tree), () -> "differs from the library for " + tree);
  }

  @Test
  void everyLineOfALogOfTheExampleRequests_encodesAsTheLibraryDoes() throws Exception {
    LogKeys keys = LogKeys.in(dir);
    Path folder = dir.resolve("decisions");
    List<String> requests = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("../examples/requests"))) {
      for (Path f : files.sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (f.toString().endsWith(".jsonl")) {
          text.lines().filter(l -> !l.isBlank()).forEach(requests::add);
        } else {
          requests.add(text);
        }
      }
    }
    requests.add(DecisionLogTest.consented("c-1", "cust-1"));
    requests.add(DecisionLogTest.collection("c-2", "cust-2"));
    try (DecisionLog log = DecisionLog.toFolder(folder).maskingKey(keys.masking()).signingKey(keys.signing())
        .checkpointEvery(3).build()) {
      PolicyEngine engine = PolicyEngine.builder().bundledPacks().decisionLog(log).build();
      for (String r : requests) {
        try {
          engine.decideJson(r);
        } catch (RuntimeException unreadable) {
          // A request the SDK rejects is not logged; the others are what this test compares.
        }
      }
    }
    int lines = 0;
    for (Path f : LogFiles.list(folder)) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        ObjectNode tree = Entries.read(line);
        assertSameAsLibrary(tree);
        if (tree.has("checkpoint")) {
          assertSameAsLibrary(tree.get("checkpoint"));
        }
        lines++;
      }
    }
    assertTrue(lines >= requests.size() - 1, "only " + lines + " lines for " + requests.size() + " requests");
  }

  @Test
  void adversarialStringsNamesAndNumbers_encodeAsTheLibraryDoes() throws Exception {
    ObjectNode tree = Entries.MAPPER.createObjectNode();
    // Names that sort one way by UTF-16 code units and another by code points: U+FB01 after a surrogate pair's
    // high surrogate (U+D83D) by code point, before it by code unit.
    tree.put("\uFB01", 1);
    tree.put("\uD83D\uDE00", 2);
    tree.put("a", 3);
    tree.put("A", 4);
    tree.put("", 5);
    tree.put("\u00e9", 6);
    tree.put("e\u0301", 7);
    tree.put("\u0000key", 8);
    StringBuilder controls = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      controls.append(c);
    }
    tree.put("controls", controls.toString() + "\u2028\u2029\u00ad\uFEFF\uFFFF");
    tree.put("nonBmp", "\uD83D\uDE00 \uD800\uDC00 \uDBFF\uDFFF 本通话由人工智能合成");
    tree.put("quotes", "\"\\/ </script>");
    ArrayNode numbers = tree.putArray("numbers");
    numbers.add(0).add(-0.0).add(1).add(-1).add(Integer.MAX_VALUE).add(Long.MAX_VALUE).add(9007199254740993L)
        .add(1e21).add(1e20).add(1e-7).add(1e-6).add(123.456).add(Double.MAX_VALUE).add(Double.MIN_VALUE)
        .add(4.35).add(0.1 + 0.2).add(333333333.33333329).add(-5e-324).add(1.7976931348623157e308)
        .add(new BigDecimal("3.14159265358979323846264338327950288")).add(new BigInteger("123456789012345678901234567890"))
        .add(new BigDecimal("1E+400").doubleValue() == Double.POSITIVE_INFINITY ? 0 : 1);
    ObjectNode nested = tree.putObject("nested");
    nested.putObject("z").put("b", true).put("a", false).putNull("c");
    nested.putArray("empty");
    nested.putObject("emptyObject");
    nested.putArray("mixed").add("x").addNull().add(true).addObject().put("k", "v");
    assertSameAsLibrary(tree);
    for (JsonNode member : tree) {
      // The library reads only an object or an array at the top.
      assertSameAsLibrary(Entries.MAPPER.createArrayNode().add(member));
    }
  }
}
