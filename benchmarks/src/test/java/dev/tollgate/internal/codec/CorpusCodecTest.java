package dev.tollgate.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tollgate.Request;
import dev.tollgate.benchmarks.Corpus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast request binder and decision writer against Jackson on the generated corpus of the benchmarks
 * and on mutations of it. In this package, though in the benchmarks module, to reach the package-private
 * binder; here because the corpus is here.
 */
class CorpusCodecTest {
  private static final ObjectReader JACKSON = RequestCodec.MAPPER.readerFor(Request.class);

  /** Jackson's request, or its error as text. */
  private static Object jackson(String json) {
    try {
      return JACKSON.readValue(json);
    } catch (JsonProcessingException e) {
      return "error: " + e.getOriginalMessage();
    }
  }

  /** The binder answers what Jackson answers, or leaves the request to Jackson. */
  private static boolean bindsAsJackson(String json, List<String> differences) {
    Request fast = RequestBinder.read(json);
    if (fast == null) {
      return false;
    }
    Object expected = jackson(json);
    if (!fast.equals(expected) && differences.size() < 5) {
      differences.add("\n" + json + "\n  jackson: " + expected + "\n  binder:  " + fast);
    }
    return true;
  }

  @Test
  void read_generatedCorpus_bindsEveryRequestAsJackson() {
    Corpus corpus = new Corpus(20260301L);
    List<String> differences = new ArrayList<>();
    int bound = 0;
    int withDates = 0;
    int lines = 40_000;
    for (int i = 0; i < lines; i++) {
      String json = corpus.nextJson();
      bound += bindsAsJackson(json, differences) ? 1 : 0;
      // The binder leaves dates (a registry listing, a business relationship) to Jackson by design.
      withDates += json.contains("\"registryListedOn\"") || json.contains("\"lastTransactionOn\"")
          || json.contains("\"lastInquiryOn\"") ? 1 : 0;
    }
    assertEquals(List.of(), differences);
    // The corpus is valid JSON for the contract throughout (its mistakes are for the packs to find).
    assertTrue(withDates > 0 && withDates < lines / 20, withDates + " requests with dates");
    assertEquals(lines - withDates, bound);
  }

  @Test
  void read_mutatedCorpus_bindsAsJacksonOrLeavesItToJackson() {
    Corpus corpus = new Corpus(7L);
    SplittableRandom random = new SplittableRandom(11L);
    List<String> differences = new ArrayList<>();
    int bound = 0;
    int mutants = 0;
    for (int i = 0; i < 6_000; i++) {
      String json = corpus.nextJson();
      for (int k = 0; k < 10; k++) {
        String mutant = mutate(json, random);
        mutants++;
        bound += bindsAsJackson(mutant, differences) ? 1 : 0;
      }
    }
    assertEquals(List.of(), differences);
    // Some mutants stay valid (spaces, reordered fields, values within range); they must be bound too.
    assertTrue(bound > mutants / 20 && bound < mutants * 9 / 10, "bound " + bound + " of " + mutants);
  }

  private static final String[] VALUES = {"null", "1", "-1", "0", "1.5", "1e2", "12345678901234567890", "\"\"",
      "\" \"", "\"x\"", "true", "false", "[]", "{}", "[null]", "[1]", "[\"x\"]", "{\"a\":1}", "\"call\"",
      "\"MARKETING\"", "\"marketing\"", "\" MARKETING\"", "\"2025-09-02T21:30:00+08:00\"", "\"2025-09-02T21:30:00\"",
      "\"2025-02-30T10:00:00Z\"", "\"Asia/Shanghai\"", "\" Asia/Shanghai \"", "\"Mars/Olympus\"", "\"2025-09-02\"",
      "\"+08:00\"", "\"\\u0041\"", "\"CN\"", "\"FIRST_PARTY\"", "\"GRANTED\"", "\"AUDIO\""};
  private static final String[] KEYS = {"type", "id", "at", "purpose", "voice", "history", "fields", "consent",
      "metadata", "AIGC", "Label", "timeZone", "registryListedOn", "doNotCall", "charsPerMinute", "count", "days",
      "positions", "noticeGiven", "unknown", "outcome", "role", "recipient"};
  private static final String[] CHARS = {"{", "}", "[", "]", "\"", ",", ":", "\\", " ", "\n", "a", "0", "\u0000",
      "\u00e9", "中", "\ud800", "-", "."};

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(String json) {
    try {
      return new ObjectMapper().readValue(json, LinkedHashMap.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request with one thing changed: a value, a key, a duplicate, a character, the end. */
  static String mutate(String json, SplittableRandom random) {
    int at = random.nextInt(json.length());
    return switch (random.nextInt(9)) {
      case 0 -> {
        // A value after some key replaced: find the next ':' and the end of its value, roughly.
        int colon = json.indexOf(':', at);
        if (colon < 0) {
          yield json + " ";
        }
        int end = colon + 1;
        int depth = 0;
        boolean quoted = false;
        for (; end < json.length(); end++) {
          char c = json.charAt(end);
          if (quoted) {
            if (c == '\\') {
              end++;
            } else if (c == '"') {
              quoted = false;
            }
          } else if (c == '"') {
            quoted = true;
          } else if (c == '{' || c == '[') {
            depth++;
          } else if (c == '}' || c == ']') {
            if (depth-- == 0) {
              break;
            }
          } else if (c == ',' && depth == 0) {
            break;
          }
        }
        yield json.substring(0, colon + 1) + VALUES[random.nextInt(VALUES.length)] + json.substring(end);
      }
      case 1 -> {
        // A field added after an opening brace: known (perhaps a duplicate) or not.
        int brace = json.indexOf('{', at);
        brace = brace < 0 ? 0 : brace;
        yield json.substring(0, brace + 1) + "\"" + KEYS[random.nextInt(KEYS.length)] + "\":"
            + VALUES[random.nextInt(VALUES.length)] + "," + json.substring(brace + 1);
      }
      case 2 -> {
        // A key renamed.
        int quote = json.indexOf("\":", at);
        int start = quote < 0 ? -1 : json.lastIndexOf('"', quote - 1);
        yield start < 0 ? json : json.substring(0, start + 1) + KEYS[random.nextInt(KEYS.length)] + json.substring(quote);
      }
      case 3 -> json.substring(0, at) + CHARS[random.nextInt(CHARS.length)] + json.substring(at);
      case 4 -> json.substring(0, at) + json.substring(at + 1);
      case 5 -> json.substring(0, at);
      case 6 -> json + new String[] {" ", "\n", " x", "{}", ",", " null", "\u00a0"}[random.nextInt(7)];
      case 7 -> {
        // Spaces between tokens: still the same request.
        int comma = json.indexOf(',', at);
        yield comma < 0 ? " " + json : json.substring(0, comma) + " ,\t" + json.substring(comma + 1);
      }
      default -> {
        // type moved to the end.
        Map<String, Object> tree = tree(json);
        Object type = tree.remove("type");
        tree.put("type", type);
        yield Corpus.json(tree);
      }
    };
  }
}
