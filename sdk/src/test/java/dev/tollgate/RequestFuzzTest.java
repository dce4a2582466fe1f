package dev.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * A bounded fuzz run of the request reader in every build (a few seconds): the example requests and issue
 * 22's hostile ones, mutated byte by byte and spliced with hostile fragments, then decoded as the CLI
 * decodes a file. Whatever the text, {@link PolicyEngine#decideJson} returns a decision and never throws;
 * text that {@link Request#fromJson} refuses (only ever with an {@link InvalidRequestException}) is a DENY
 * citing TOLLGATE-INVALID-REQUEST, never an ALLOW.
 */
class RequestFuzzTest {
  private static final PolicyEngine ENGINE = PolicyEngine.builder().packs(PolicyEngineTest.PACKS).build();
  private static final List<byte[]> SEEDS = seeds();
  private static final List<byte[]> FRAGMENTS = Stream.of("1756780200", "-1", "\\u0000", "\\ud800", "\uFFFD", "\u0000",
      "tel:+8613800138000", "４１５５５５２６７１", "\"\"", "null", "[", "]", "{", "}", ",", ":", "\"at\": ",
      "\"history\": [{\"at\": \"2026-03-01T11:00:00+08:00\", \"outcome\": \"CONVERSATION\"}], ",
      "\"type\": \"call\", ", "[".repeat(60), "1e999999", "0.5", "true", "\"Asia/Shanghai\\u0000\"", "\"count\": -5",
      "\"days\": -30", "\\\"", "\uFEFF", "\u2028")
      .map(f -> f.getBytes(StandardCharsets.UTF_8)).toList();

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("../examples/requests"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        seeds.add(Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String call = PolicyEngineTest.call("2025-03-01", java.util.Map.of());
    seeds.add(call.getBytes(StandardCharsets.UTF_8));
    seeds.add(call.replace("\"2025-03-01T10:00:00+08:00\"", "1756780200").getBytes(StandardCharsets.UTF_8));
    seeds.add(call.replace("p-42", "tel:+8613800138000").getBytes(StandardCharsets.UTF_8));
    seeds.add(call.replace("p-42", "").getBytes(StandardCharsets.UTF_8));
    // An overlong '/' (C0 AF) inside a value, as a file's bytes.
    String marked = call.replace("consumer-loan", "consumer\u0001\u0002loan");
    byte[] invalid = marked.getBytes(StandardCharsets.UTF_8);
    invalid[marked.indexOf('\u0001')] = (byte) 0xC0;
    invalid[marked.indexOf('\u0002')] = (byte) 0xAF;
    seeds.add(invalid);
    return seeds;
  }

  @AfterContainer
  static void close() {
    ENGINE.close();
  }

  @Provide
  Arbitrary<Integer> seed() {
    return Arbitraries.integers().between(0, SEEDS.size() - 1);
  }

  @Property(tries = 600)
  void anyText_isDecided_andInvalidTextIsNeverAllowed(@ForAll("seed") int seed, @ForAll long random) {
    String json = new String(mutate(SEEDS.get(seed), new Random(random)), StandardCharsets.UTF_8);
    Decision decision;
    try {
      decision = ENGINE.decideJson(json);
    } catch (RuntimeException | StackOverflowError e) {
      fail("decideJson threw on " + json, e);
      return;
    }
    try {
      Request.fromJson(json);
      acceptable(json);
    } catch (InvalidRequestException e) {
      assertEquals(List.of("TOLLGATE-INVALID-REQUEST"), decision.ruleIds(), () -> json + " was " + decision);
      assertTrue(decision.isDenied());
    } catch (RuntimeException | StackOverflowError e) {
      fail("Request.fromJson threw other than InvalidRequestException on " + json, e);
    }
  }

  /**
   * Checks a request the reader accepted against the contract's rules, independently of the reader: dates are
   * text, text holds no NUL or U+FFFD, counts are not negative, and a subject with no letters (a label such as
   * {@code tel:} aside) is not 7 to 15 digits.
   */
  private static void acceptable(String json) {
    com.fasterxml.jackson.databind.JsonNode root;
    try {
      root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      fail("accepted, yet not JSON: " + json, e);
      return;
    }
    check(root, "$", json);
    String subject = root.path("callee").path("subject").asText("");
    String core = subject.substring(subject.indexOf(':') + 1);
    if (core.codePoints().noneMatch(Character::isLetter)) {
      long digits = core.codePoints().filter(Character::isDigit).count();
      assertTrue(digits < 7 || digits > 15, () -> "a phone-like subject was accepted: " + json);
    }
  }

  private static void check(com.fasterxml.jackson.databind.JsonNode node, String path, String json) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    if (node.isTextual()) {
      assertTrue(node.textValue().indexOf('\u0000') < 0 && node.textValue().indexOf('\uFFFD') < 0,
          () -> path + " holds a NUL or U+FFFD: " + json);
    } else if (name.equals("at") || name.endsWith("At") || name.endsWith("On")) {
      assertTrue(node.isNull(), () -> path + " is a date that is not text: " + json);
    }
    if (node.isNumber() && (name.equals("count") || name.equals("days"))) {
      assertTrue(node.asLong() >= 0, () -> path + " is negative: " + json);
    }
    node.fields().forEachRemaining(e -> check(e.getValue(), path + "." + e.getKey(), json));
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      check(node.get(i), path + "[" + i + "]", json);
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
    return Arrays.copyOfRange(b, from, to);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
