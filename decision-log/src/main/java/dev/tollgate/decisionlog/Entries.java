package dev.tollgate.decisionlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The log's lines: entries and checkpoints as JSON trees, their RFC 8785 canonical hash, and masking.
 * Stateless and thread-safe.
 */
final class Entries {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();
  /** The {@code prev} of the first entry of a log. */
  static final String GENESIS = "sha256:" + "0".repeat(64);
  static final String HMAC_PREFIX = "hmac-sha256:";

  private Entries() {}

  /**
   * The hash of an entry line: {@code sha256:} and the hex SHA-256 of {@code prev + "\n" + seq + "\n" + body},
   * where body is the hex SHA-256 of the RFC 8785 encoding of the line without {@code seq}, {@code prev} and
   * {@code hash}. The body's digest, nearly all of the work, does not depend on the chain, so a log computes
   * it before it takes its lock.
   */
  static String hash(ObjectNode line) {
    return link(line.path("prev").asText(), line.path("seq").asLong(), bodyDigest(line));
  }

  /** The hex SHA-256 of the RFC 8785 encoding of an entry without {@code seq}, {@code prev} and {@code hash}. */
  static String bodyDigest(ObjectNode line) {
    ObjectNode body = line;
    if (line.has("seq") || line.has("prev") || line.has("hash")) {
      body = line.deepCopy();
      body.remove("seq");
      body.remove("prev");
      body.remove("hash");
    }
    return HexFormat.of().formatHex(sha256(canonical(body)));
  }

  /** The hash that chains an entry, from its body's digest, to the one before. */
  static String link(String prev, long seq, String bodyDigest) {
    return "sha256:" + HexFormat.of().formatHex(sha256((prev + "\n" + seq + "\n" + bodyDigest).getBytes(StandardCharsets.US_ASCII)));
  }

  /** The RFC 8785 (JSON Canonicalization Scheme) encoding of a tree, in UTF-8. */
  static byte[] canonical(JsonNode tree) {
    return Canonical.encode(tree);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static String write(JsonNode tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a log line could not be written: " + e.getMessage(), e);
    }
  }

  /**
   * Reads one line of a log as a JSON object.
   *
   * @throws IllegalArgumentException if it is not one
   */
  static ObjectNode read(String line) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return (ObjectNode) tree;
  }

  /** Masks {@code request} in place: drops, then hashes with {@code mac} (null only if nothing is hashed). */
  static void mask(ObjectNode request, Masking masking, Mac mac) {
    for (String path : masking.drop()) {
      apply(request, Masking.steps(path), 0, null);
    }
    for (String path : masking.hash()) {
      apply(request, Masking.steps(path), 0, mac);
    }
  }

  /** Drops (mac null) or hashes the value at {@code steps[i..]} under {@code node}. */
  private static void apply(ObjectNode node, String[] steps, int i, Mac mac) {
    String step = steps[i];
    boolean each = step.endsWith("[*]");
    String name = each ? step.substring(0, step.length() - 3) : step;
    JsonNode child = node.get(name);
    if (child == null || child.isNull()) {
      return;
    }
    boolean last = i == steps.length - 1;
    if (each) {
      if (!(child instanceof ArrayNode items)) {
        return;
      }
      for (int k = 0; k < items.size(); k++) {
        JsonNode item = items.get(k);
        if (last) {
          if (mac == null) {
            items.remove(k--);
          } else {
            items.set(k, items.textNode(hmac(mac, item)));
          }
        } else if (item instanceof ObjectNode object) {
          apply(object, steps, i + 1, mac);
        }
      }
    } else if (last) {
      if (mac == null) {
        node.remove(name);
      } else {
        node.put(name, hmac(mac, child));
      }
    } else if (child instanceof ObjectNode object) {
      apply(object, steps, i + 1, mac);
    }
  }

  /** The keyed hash of a value: of its text, or of its JSON if it is not text. */
  private static String hmac(Mac mac, JsonNode value) {
    String text = value.isTextual() ? value.textValue() : write(value);
    Mac copy;
    try {
      copy = (Mac) mac.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's HMAC cannot be cloned", e);
    }
    return HMAC_PREFIX + HexFormat.of().formatHex(copy.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** An HMAC-SHA-256 keyed with {@code key}, to be cloned for each use. */
  static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HMAC-SHA-256", e);
    }
  }
}
