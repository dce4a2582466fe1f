package dev.tollgate.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A bounded fuzz run of the pack reader in every build (a few seconds): the bundled packs and the
 * hostile files, mutated byte by byte and spliced with hostile fragments. Whatever the bytes, the reader
 * either returns a pack or throws a {@link RulePackException}; each problem is located (only a problem of
 * the whole file is at 0:0) and worded by Tollgate, never by the parser underneath.
 */
class PackReaderFuzzTest {
  /** Problems about the file as a whole, which have no line. */
  private static final Set<String> WHOLE_FILE = Set.of("document_too_large", "empty_document");
  /** Words of the parsers' own messages and settings, which a pack author should never have to read. */
  private static final List<String> INTERNALS = List.of("com.fasterxml", "org.yaml", "Exception", "StreamReadConstraints",
      "getMax", "(start marker", "at [Source");
  private static final List<byte[]> SEEDS = seeds();
  private static final List<byte[]> FRAGMENTS = Stream.of(new byte[] {0}, new byte[] {(byte) 0xC0, (byte) 0xAF},
      new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\t".getBytes(StandardCharsets.UTF_8),
      "\n\t- x\n", "&a ", "*a", "!!javax.script.ScriptEngineManager ", "<<: *a\n", "[[[[[[[[[[", "{", "}", "]", "- ",
      ": ", "\"", "'", "#", "---\n", "...\n", "0x1F", ".inf", "1e999999999", "~", "yes", "\u2028", "\uFEFF",
      "effect: ALLOW\n", "id: CN-X-Y\n", "\r", "\n", "%YAML 1.1\n", "? ", "|\n", ">-\n")
      .map(f -> f instanceof byte[] b ? b : ((String) f).getBytes(StandardCharsets.UTF_8)).toList();

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("../rulepacks"))) {
      for (Path p : files.filter(f -> f.getFileName().toString().equals("pack.yaml")).sorted().toList()) {
        seeds.add(Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] first = seeds.get(0);
    String head = "id: x\nversion: 1.0.0\n";
    seeds.add(concat(head.getBytes(StandardCharsets.UTF_8), new byte[] {'a', ':', ' ', (byte) 0xC0, (byte) 0xAF, '\n'}));
    seeds.add((head + "rules:\n\t- id: X\n").getBytes(StandardCharsets.UTF_8));
    seeds.add((head + "a: " + "[".repeat(80) + "]".repeat(80) + "\n").getBytes(StandardCharsets.UTF_8));
    seeds.add((head + "a: &x [1]\nb: *x\nc: !!java.net.URL [\"http://x\"]\n").getBytes(StandardCharsets.UTF_8));
    seeds.add(concat(first, new byte[] {0, '\n'}));
    seeds.add((head + "b: " + "x".repeat(70_000) + "\n").getBytes(StandardCharsets.UTF_8));
    return seeds;
  }

  @Provide
  Arbitrary<Integer> seed() {
    return Arbitraries.integers().between(0, SEEDS.size() - 1);
  }

  @Property(tries = 400)
  void anyBytes_giveAPackOrLocatedProblemsInTollgatesWords(@ForAll("seed") int seed, @ForAll long random) {
    byte[] yaml = mutate(SEEDS.get(seed), new Random(random));
    try {
      RulePackLoader.parse("pack.yaml", yaml);
    } catch (RulePackException e) {
      assertTrue(!e.problems().isEmpty(), e.getMessage());
      for (Problem p : e.problems()) {
        assertTrue(WHOLE_FILE.contains(p.code()) || p.line() >= 1 && p.column() >= 1, () -> "not located: " + p);
        for (String internal : INTERNALS) {
          assertTrue(!p.message().contains(internal), () -> "parser internals in: " + p);
        }
      }
    } catch (RuntimeException | StackOverflowError e) {
      fail("reading " + new String(yaml, StandardCharsets.UTF_8) + " threw", e);
    }
  }

  /** Up to eight byte-level changes: flips, cuts, copies and hostile fragments spliced in. */
  static byte[] mutate(byte[] seed, Random random) {
    byte[] b = seed;
    for (int n = random.nextInt(9); n > 0 && b.length > 0; n--) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(5)) {
        case 0 -> {
          b = b.clone();
          b[at] = (byte) random.nextInt(256);
        }
        case 1 -> b = concat(slice(b, 0, at), slice(b, Math.min(b.length, at + 1 + random.nextInt(16)), b.length));
        case 2 -> b = concat(slice(b, 0, at), FRAGMENTS.get(random.nextInt(FRAGMENTS.size())), slice(b, at, b.length));
        case 3 -> {
          int from = random.nextInt(b.length);
          b = concat(slice(b, 0, at), slice(b, from, Math.min(b.length, from + 1 + random.nextInt(200))), slice(b, at, b.length));
        }
        default -> b = slice(b, 0, at);
      }
    }
    return b;
  }

  private static byte[] slice(byte[] b, int from, int to) {
    return java.util.Arrays.copyOfRange(b, from, to);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
